"""Kata 11: a process from birth to exit code. Read README.md for the task."""

import logging
import multiprocessing
import os
import sys
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


class Worker(multiprocessing.Process):
    """A child process with a name given by the program and an exit code of its own."""

    def __init__(self, name, code):
        pass  # TODO: call the Process __init__ with this name; keep the code

    def run(self):
        """Run in the child: log "<name> runs in pid <pid>", sleep half a second, exit with the code."""
        pass  # TODO


def keep_watch():
    """Run in the daemon: loop forever, sleeping 0.1 s at a time."""
    pass  # TODO


if __name__ == "__main__":
    # TODO: start a daemon process named "keeper" running keep_watch; never join it.
    # TODO: make Worker("good", 0) and Worker("bad", 3).
    # TODO: log good.is_alive() before start, while running and after join (see README.md).
    # TODO: start both, join both, then log each one's exitcode.
    pass
