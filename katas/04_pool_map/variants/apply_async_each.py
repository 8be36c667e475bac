# variant: one apply_async() per number, results collected in order with get()
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = list(range(1, 11))


def square(x):
    return x * x


if __name__ == "__main__":
    with multiprocessing.Pool(4) as pool:
        pending = [pool.apply_async(square, (x,)) for x in NUMBERS]
        squares = [result.get(timeout=60) for result in pending]
    logging.info(str(squares))
