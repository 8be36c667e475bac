# mutant: the eight chunks are counted one after another in the parent; no pool is used
# rejected-by: test_chunks_ran_in_workers
# methods: fork spawn forkserver
import logging
import math

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


def make_chunks():
    size = LIMIT // CHUNKS
    return [(i * size, (i + 1) * size) for i in range(CHUNKS)]


if __name__ == "__main__":
    total = sum(count_primes(chunk) for chunk in make_chunks())
    logging.info(f"primes below {LIMIT}: {total}")
