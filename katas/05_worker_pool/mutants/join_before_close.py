# mutant: join() is called before close(), which raises ValueError("Pool is still running")
# rejected-by: test_runs_cleanly
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def times_ten(x):
    return x * 10


if __name__ == "__main__":
    pool = multiprocessing.Pool(5)
    results = pool.map(times_ten, range(1, 11))
    pool.join()
    pool.close()
    logging.info(str(results))
