"""Kata 10: a counter behind a lock. Read README.md for the task."""

import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def add_thousand(counter):
    """Run in each child: add 1 to counter.value 1000 times, holding counter.get_lock() each time."""
    pass  # TODO


if __name__ == "__main__":
    # TODO: create counter = multiprocessing.Value("i", 0).
    # TODO: start 4 processes running add_thousand(counter), join all four.
    # TODO: log "counter: <value>".
    pass
