# mutant: multiprocessing.pool.ThreadPool is used, so the squares run in threads of the parent
# rejected-by: test_squares_ran_in_pool_workers
# methods: fork spawn forkserver
import logging
from multiprocessing.pool import ThreadPool

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(x):
    return x * x


if __name__ == "__main__":
    with ThreadPool(4) as pool:
        squares = pool.map(square, range(1, 11))
    logging.info(str(squares))
