"""Kata 1: create a process. Read README.md for the task."""

import logging
import multiprocessing
import os

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def say_hello():
    """Run in the child: log "hello from process <pid>" with this process's own pid."""
    pass  # TODO


if __name__ == "__main__":
    # TODO: create a multiprocessing.Process whose target is say_hello,
    #       start it, then join it.
    # TODO: after the join, log "child exited with code <exitcode>" from the parent
    #       (the exit code must be 0).
    pass
