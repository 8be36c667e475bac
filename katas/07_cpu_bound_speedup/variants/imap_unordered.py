# variant: imap_unordered over range objects, summed as they come, Pool(2) with close() and join()
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


def count_primes(numbers):
    return sum(map(is_prime, numbers))


if __name__ == "__main__":
    step = LIMIT // CHUNKS
    chunks = [range(start, start + step) for start in range(0, LIMIT, step)]
    pool = multiprocessing.Pool(2)
    total = 0
    for count in pool.imap_unordered(count_primes, chunks):
        total += count
    pool.close()
    pool.join()
    logging.info(f"primes below {LIMIT}: {total}")
