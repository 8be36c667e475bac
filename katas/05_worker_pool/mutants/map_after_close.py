# mutant: the pool is closed and joined before map(), which raises ValueError("Pool not running")
# rejected-by: test_runs_cleanly
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def times_ten(x):
    return x * 10


if __name__ == "__main__":
    pool = multiprocessing.Pool(5)
    pool.close()
    pool.join()
    results = pool.map(times_ten, range(1, 11))
    logging.info(str(results))
