"""Kata 14: two slots for six workers. Read README.md for the task."""

import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def work(slots, number):
    """Run in each worker: while holding one of the slots, log "worker <number> working" and
    sleep half a second (the work)."""
    pass  # TODO


if __name__ == "__main__":
    # TODO: create slots = multiprocessing.Semaphore(2).
    # TODO: start 6 processes running work(slots, n) for n in 0..5, join all six.
    # TODO: log "all workers done".
    pass
