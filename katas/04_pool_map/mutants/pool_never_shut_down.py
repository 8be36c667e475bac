# mutant: the pool is created without a with block and never closed, joined or terminated
# rejected-by: test_pool_shut_down
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(x):
    return x * x


if __name__ == "__main__":
    pool = multiprocessing.Pool(4)
    squares = pool.map(square, range(1, 11))
    logging.info(str(squares))
