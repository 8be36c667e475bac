# mutant: does everything right, then ends with sys.exit(1)
# rejected-by: test_runs_cleanly
# methods: fork spawn forkserver
import logging
import multiprocessing
import sys

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(x):
    return x * x


if __name__ == "__main__":
    with multiprocessing.Pool(4) as pool:
        squares = pool.map(square, range(1, 11))
    logging.info(str(squares))
    sys.exit(1)
