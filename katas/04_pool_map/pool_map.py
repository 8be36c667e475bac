"""Kata 4: map over a pool. Read README.md for the task."""

import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = list(range(1, 11))  # what you map over; the checker also runs your program with others


def square(x):
    """Run in a pool worker: return x squared."""
    pass  # TODO


if __name__ == "__main__":
    # TODO: create a multiprocessing.Pool of at least 2 processes and use its map
    #       to apply square to the numbers of NUMBERS.
    # TODO: log the resulting list, [1, 4, 9, ..., 100], from this (parent) process.
    # TODO: shut the pool down before the program ends (a with block, or close() + join()).
    pass
