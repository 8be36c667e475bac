"""Map a function over a list with a pool of worker processes."""

import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = list(range(1, 11))


def square(x):
    return x * x


if __name__ == "__main__":
    with multiprocessing.Pool(processes=4) as pool:
        squares = pool.map(square, NUMBERS)
    logging.info("%s", squares)
