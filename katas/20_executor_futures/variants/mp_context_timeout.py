# variant: an explicit mp_context, as_completed with a timeout, results gathered then logged
import logging
import multiprocessing
import time
from concurrent import futures as cf

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = [8, 1, 4, 3, 2]


def slow_square(n):
    time.sleep(n / 10)
    if n == 4:
        raise ValueError(f"unlucky number {n}")
    return n * n


def describe(n, future):
    try:
        return f"square of {n}: {future.result()}"
    except ValueError as error:
        return f"square of {n} failed: {error}"


if __name__ == "__main__":
    context = multiprocessing.get_context()
    with cf.ProcessPoolExecutor(max_workers=2, mp_context=context) as executor:
        numbered = {executor.submit(slow_square, n): n for n in NUMBERS}
        lines = [describe(numbered[future], future) for future in cf.as_completed(numbered, timeout=30)]
    for line in lines:
        logging.info(line)
