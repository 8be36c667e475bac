# mutant: each worker logs its own square and the parent never reads a future: the ValueError is lost silently
# rejected-by: test_every_future_read
# message: lost silently
import logging
import time
from concurrent.futures import ProcessPoolExecutor

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = [8, 1, 4, 3, 2]


def slow_square(n):
    time.sleep(n / 10)
    if n == 4:
        logging.info("square of %d failed: unlucky number %d", n, n)
        raise ValueError(f"unlucky number {n}")
    logging.info("square of %d: %d", n, n * n)
    return n * n


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as executor:
        for n in NUMBERS:
            executor.submit(slow_square, n)
