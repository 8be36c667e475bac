"""Create a pool of exactly five workers, map over it, then shut it down gracefully.

close() then join() lets the workers finish their work; terminate() would stop them at once.
"""

import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = list(range(1, 11))


def times_ten(x):
    return x * 10


if __name__ == "__main__":
    pool = multiprocessing.Pool(processes=5)
    results = pool.map(times_ten, NUMBERS)
    logging.info("%s", results)
    pool.close()
    pool.join()
