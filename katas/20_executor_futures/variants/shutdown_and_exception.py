# variant: shutdown() in finally, futures in a list beside their numbers, exception() asked before result()
import logging
import time
from concurrent.futures import ProcessPoolExecutor, as_completed

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = [8, 1, 4, 3, 2]


def slow_square(n):
    time.sleep(n / 10)
    if n == 4:
        raise ValueError(f"unlucky number {n}")
    return n * n


if __name__ == "__main__":
    executor = ProcessPoolExecutor(max_workers=2)
    try:
        futures = [executor.submit(slow_square, n) for n in NUMBERS]
        for future in as_completed(futures):
            n = NUMBERS[futures.index(future)]
            error = future.exception()
            if error is None:
                logging.info(f"square of {n}: {future.result()}")
            else:
                logging.info(f"square of {n} failed: {error}")
    finally:
        executor.shutdown()
