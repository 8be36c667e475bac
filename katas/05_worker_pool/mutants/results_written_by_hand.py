# mutant: the pool of five maps over NUMBERS, but the list logged is written by hand
# rejected-by: test_results_follow_the_numbers
# methods: fork spawn forkserver
# message: exactly what the stated input gives
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = list(range(1, 11))


def times_ten(x):
    return x * 10


if __name__ == "__main__":
    pool = multiprocessing.Pool(processes=5)
    pool.map(times_ten, NUMBERS)
    logging.info("[10, 20, 30, 40, 50, 60, 70, 80, 90, 100]")
    pool.close()
    pool.join()
