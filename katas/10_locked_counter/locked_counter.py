"""Kata 10: a counter behind a lock. Read README.md for the task."""

import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

INCREMENTS = 1000  # how many times each child adds 1; the checker also runs your program with another count


def add_increments(counter):
    """Run in each child: add 1 to counter.value INCREMENTS times, holding counter.get_lock() each time."""
    pass  # TODO


if __name__ == "__main__":
    # TODO: create counter = multiprocessing.Value("i", 0).
    # TODO: start 4 processes running add_increments(counter), join all four.
    # TODO: log "counter: <value>".
    pass
