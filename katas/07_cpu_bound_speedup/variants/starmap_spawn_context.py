# variant: a pool from get_context("spawn"), starmap over (low, high) pairs, and extra print output
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


def count_primes(low, high):
    count = 0
    for n in range(low, high):
        if is_prime(n):
            count += 1
    print(f"{low}..{high}: {count}", flush=True)
    return count


if __name__ == "__main__":
    size = LIMIT // CHUNKS
    bounds = [(i * size, (i + 1) * size) for i in range(CHUNKS)]
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        total = sum(pool.starmap(count_primes, bounds))
    logging.info(f"primes below {LIMIT}: {total}")
