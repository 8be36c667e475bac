# mutant: executor.map instead of submit: the iterator raises at 4 and the numbers after it are never read
# rejected-by: test_every_future_read
# message: No task submitted
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
        squares = executor.map(slow_square, NUMBERS)
        for n in NUMBERS:
            try:
                logging.info("square of %d: %d", n, next(squares))
            except ValueError as error:
                logging.info("square of %d failed: %s", n, error)
                break
