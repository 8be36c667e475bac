# mutant: multiprocessing.pool.ThreadPool(5) gives five threads, not five worker processes
# rejected-by: test_pool_of_five_workers
# methods: fork spawn forkserver
import logging
from multiprocessing.pool import ThreadPool

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def times_ten(x):
    return x * 10


if __name__ == "__main__":
    pool = ThreadPool(5)
    results = pool.map(times_ten, range(1, 11))
    pool.close()
    pool.join()
    logging.info(str(results))
