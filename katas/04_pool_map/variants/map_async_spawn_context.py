# variant: a pool from get_context("spawn"), map_async(...).get(timeout), extra print output
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = list(range(1, 11))


def square(x):
    return x * x


if __name__ == "__main__":
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(4) as pool:
        pending = pool.map_async(square, NUMBERS)
        print("waiting for the workers")
        squares = pending.get(timeout=60)
    print(squares)
    logging.info(str(squares))
