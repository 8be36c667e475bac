"""Kata 5: a pool of five workers. Read README.md for the task."""

import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = list(range(1, 11))  # what you map over; the checker also runs your program with others


def times_ten(x):
    """Run in a pool worker: return x * 10."""
    pass  # TODO


if __name__ == "__main__":
    # TODO: create a pool of exactly 5 worker processes and map times_ten over NUMBERS.
    # TODO: log the resulting list, [10, 20, ..., 100].
    # TODO: shut the pool down with close() followed by join()
    #       (no with block and no terminate(): let the workers finish).
    pass
