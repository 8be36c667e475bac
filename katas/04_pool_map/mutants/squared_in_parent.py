# mutant: a Pool is opened but the squares are computed in the parent with a list comprehension
# rejected-by: test_squares_ran_in_pool_workers
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(x):
    return x * x


if __name__ == "__main__":
    with multiprocessing.Pool(4) as pool:
        squares = [square(x) for x in range(1, 11)]
    logging.info(str(squares))
