# variant: close() then join() instead of a with block
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = list(range(1, 11))


def square(x):
    return x * x


if __name__ == "__main__":
    pool = multiprocessing.Pool(processes=3)
    squares = pool.map(square, NUMBERS)
    pool.close()
    pool.join()
    logging.info(str(squares))
