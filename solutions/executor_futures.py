"""Kata 20: futures as they complete. The reference solution."""

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
    with ProcessPoolExecutor(max_workers=2) as executor:
        futures = {executor.submit(slow_square, n): n for n in NUMBERS}
        for future in as_completed(futures):
            n = futures[future]
            try:
                logging.info("square of %d: %d", n, future.result())
            except ValueError as error:
                logging.info("square of %d failed: %s", n, error)
