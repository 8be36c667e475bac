# mutant: the pool's initializer kills every worker at start-up, so map() waits forever
# rejected-by: test_runs_cleanly
# methods: fork spawn forkserver
import logging
import multiprocessing
import os

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def crash():
    os._exit(1)


def square(x):
    return x * x


if __name__ == "__main__":
    with multiprocessing.Pool(2, initializer=crash) as pool:
        squares = pool.map(square, range(1, 11))
    logging.info(str(squares))
