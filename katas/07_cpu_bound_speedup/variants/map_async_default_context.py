# variant: get_context() with no argument, Pool(3), map_async(...).get(timeout), close(), join()
import logging
import math
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

LIMIT = 200000
CHUNKS = 8


def is_prime(n):
    if n < 2:
        return False
    for d in range(2, math.isqrt(n) + 1):
        if n % d == 0:
            return False
    return True


def count_primes(bounds):
    low, high = bounds
    return sum(1 for n in range(low, high) if is_prime(n))


if __name__ == "__main__":
    size = LIMIT // CHUNKS
    chunks = [(i * size, (i + 1) * size) for i in range(CHUNKS)]
    pool = multiprocessing.get_context().Pool(3)
    total = sum(pool.map_async(count_primes, chunks).get(timeout=60))
    pool.close()
    pool.join()
    logging.info(f"primes below {LIMIT}: {total}")
