"""Kata 6: processes versus threads. Read README.md for the task."""

import logging
import multiprocessing
import threading

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

INCREMENTS = 1000  # how many times increment() adds 1; the checker also runs your program with another
counter = 0


def increment():
    """Add 1 to the module-level counter, INCREMENTS times (declare it global)."""
    pass  # TODO


if __name__ == "__main__":
    # TODO: run increment in a multiprocessing.Process, join it,
    #       then log "after process: <counter>".
    # TODO: then run increment in a threading.Thread, join it,
    #       then log "after thread: <counter>".
    pass
