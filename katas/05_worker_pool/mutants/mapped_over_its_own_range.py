# mutant: NUMBERS is set, but the pool maps over a range of its own
# rejected-by: test_results_follow_the_numbers
# methods: fork spawn forkserver
# message: Run again with NUMBERS = [4, 8, 15, 16, 23, 42, 7, 1, 9, 30]
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = list(range(1, 11))


def times_ten(x):
    return x * 10


if __name__ == "__main__":
    pool = multiprocessing.Pool(processes=5)
    results = pool.map(times_ten, range(1, 11))
    logging.info("%s", results)
    pool.close()
    pool.join()
