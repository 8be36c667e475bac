# variant: list(pool.imap(...)) inside the with block, with a pool of two
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = list(range(1, 11))


def square(number):
    return number**2


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        squares = list(pool.imap(square, NUMBERS))
    logging.info(f"{squares}")
