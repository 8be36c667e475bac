# mutant: the builtin map() is used and no Pool exists at all
# rejected-by: test_squares_ran_in_pool_workers
# methods: fork spawn forkserver
import logging

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(x):
    return x * x


if __name__ == "__main__":
    squares = list(map(square, range(1, 11)))
    logging.info(str(squares))
