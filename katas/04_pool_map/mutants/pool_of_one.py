# mutant: Pool(1) has a single worker, where at least two are asked for
# rejected-by: test_squares_ran_in_pool_workers
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(x):
    return x * x


if __name__ == "__main__":
    with multiprocessing.Pool(1) as pool:
        squares = pool.map(square, range(1, 11))
    logging.info(str(squares))
