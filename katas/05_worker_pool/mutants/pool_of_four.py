# mutant: Pool(4) has four workers where exactly five are asked for
# rejected-by: test_pool_of_five_workers
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def times_ten(x):
    return x * 10


if __name__ == "__main__":
    pool = multiprocessing.Pool(4)
    results = pool.map(times_ten, range(1, 11))
    pool.close()
    pool.join()
    logging.info(str(results))
