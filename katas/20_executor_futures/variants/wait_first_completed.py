# variant: wait(FIRST_COMPLETED) in a loop instead of as_completed, the future's number kept on an attribute
import logging
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = [8, 1, 4, 3, 2]


def slow_square(n):
    time.sleep(n / 10)
    if n == 4:
        raise ValueError(f"unlucky number {n}")
    return n * n


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as executor:
        pending = set()
        for n in NUMBERS:
            future = executor.submit(slow_square, n)
            future.number = n
            pending.add(future)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                try:
                    logging.info("square of %d: %d", future.number, future.result())
                except Exception as error:
                    logging.info("square of %d failed: %s", future.number, error)
