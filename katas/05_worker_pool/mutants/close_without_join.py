# mutant: close() is called but the pool is never joined
# rejected-by: test_closed_then_joined
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def times_ten(x):
    return x * 10


if __name__ == "__main__":
    pool = multiprocessing.Pool(5)
    results = pool.map(times_ten, range(1, 11))
    pool.close()
    logging.info(str(results))
