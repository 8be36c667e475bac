# variant: starmap over (base, exponent) pairs with a top-level power(); pool from get_context()
import logging
from multiprocessing import get_context

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = list(range(1, 11))


def power(base, exponent):
    return base**exponent


if __name__ == "__main__":
    pool = get_context().Pool(4)
    try:
        results = pool.starmap(power, [(n, 2) for n in NUMBERS])
    finally:
        pool.close()
        pool.join()
    logging.info(str(results))
