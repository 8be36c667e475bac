# mutant: NUMBERS is set, but the pool maps over a range of its own
# rejected-by: test_squares_follow_the_numbers
# methods: fork spawn forkserver
# message: Run again with NUMBERS = [12, 5, 3, 17, 8, 1, 20, 9, 14, 6]
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = list(range(1, 11))


def square(x):
    return x * x


if __name__ == "__main__":
    with multiprocessing.Pool(processes=4) as pool:
        squares = pool.map(square, range(1, 11))
    logging.info("%s", squares)
