# mutant: range(10) squares 0..9 instead of 1..10
# rejected-by: test_log_file
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(x):
    return x * x


if __name__ == "__main__":
    with multiprocessing.Pool(4) as pool:
        squares = pool.map(square, range(10))
    logging.info(str(squares))
