# mutant: the pool maps square over NUMBERS, but the parent logs the squares of 1..10 written by hand
# rejected-by: test_squares_follow_the_numbers
# methods: fork spawn forkserver
# message: exactly what the stated input gives
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = list(range(1, 11))


def square(x):
    return x * x


if __name__ == "__main__":
    with multiprocessing.Pool(processes=4) as pool:
        pool.map(square, NUMBERS)
    logging.info("[1, 4, 9, 16, 25, 36, 49, 64, 81, 100]")
