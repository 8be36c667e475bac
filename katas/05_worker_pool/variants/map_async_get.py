# variant: map_async(...).get(timeout) and the log line written after the pool is closed and joined
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = list(range(1, 11))


def times_ten(x):
    return x * 10


if __name__ == "__main__":
    pool = multiprocessing.Pool(5)
    async_result = pool.map_async(times_ten, NUMBERS)
    results = async_result.get(timeout=60)
    pool.close()
    pool.join()
    logging.info(str(results))
