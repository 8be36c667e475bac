# mutant: the pool's initializer kills every worker with os._exit(1), so map() waits forever
# rejected-by: test_runs_cleanly
# methods: fork spawn forkserver
import logging
import multiprocessing
import os

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def crash():
    os._exit(1)


def times_ten(x):
    return x * 10


if __name__ == "__main__":
    pool = multiprocessing.Pool(5, initializer=crash)
    results = pool.map(times_ten, range(1, 11))
    pool.close()
    pool.join()
    logging.info(str(results))
