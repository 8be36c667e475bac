"""Kata 3: square a shared array. Read README.md for the task."""

import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = list(range(1, 11))  # the array's numbers; the checker also runs your program with others


def square_element(numbers, i):
    """Run in a child: replace numbers[i] with its square, in place."""
    pass  # TODO


if __name__ == "__main__":
    # TODO: create a shared multiprocessing.Array("i", ...) holding the numbers of NUMBERS.
    # TODO: start 10 processes; process i squares element i (with square_element).
    # TODO: join them all, then log the array as a list:
    #       [1, 4, 9, 16, 25, 36, 49, 64, 81, 100]
    pass
