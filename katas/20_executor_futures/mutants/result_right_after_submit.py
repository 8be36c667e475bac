# mutant: result() right after each submit: every task waits for the one before
# rejected-by: test_read_as_they_complete
# message: after submitting only 1 of 5
import logging
import time
from concurrent.futures import ProcessPoolExecutor

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = [8, 1, 4, 3, 2]


def slow_square(n):
    time.sleep(n / 10)
    if n == 4:
        raise ValueError(f"unlucky number {n}")
    return n * n


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as executor:
        for n in NUMBERS:
            future = executor.submit(slow_square, n)
            try:
                logging.info("square of %d: %d", n, future.result())
            except ValueError as error:
                logging.info("square of %d failed: %s", n, error)
