"""Kata 20: futures as they complete. Read README.md for the task."""

import logging
import time
from concurrent.futures import ProcessPoolExecutor, as_completed

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = [8, 1, 4, 3, 2]


def slow_square(n):
    """Run in a worker: take n tenths of a second, then return n * n; 4 is refused."""
    time.sleep(n / 10)
    if n == 4:
        raise ValueError(f"unlucky number {n}")
    return n * n


if __name__ == "__main__":
    # TODO: a ProcessPoolExecutor of 2 workers, in a with block.
    # TODO: submit slow_square(n) for every n of NUMBERS, remembering which future is which n.
    # TODO: read them with as_completed: log "square of <n>: <square>", or "square of <n> failed: <error>".
    pass
