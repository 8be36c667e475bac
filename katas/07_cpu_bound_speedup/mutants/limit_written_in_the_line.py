# mutant: the count follows LIMIT, but the logged line names 200000 whatever LIMIT says
# rejected-by: test_count_follows_the_limit
# methods: fork spawn forkserver
# message: but holds 'primes below 200000: 11301'
import logging
import math
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

LIMIT = 200_000
CHUNKS = 8


def is_prime(n):
    for divisor in range(2, math.isqrt(n) + 1):
        if n % divisor == 0:
            return False
    return n >= 2


def make_chunks(limit, count):
    size = limit // count
    return [(i * size, limit if i == count - 1 else (i + 1) * size) for i in range(count)]


def count_primes(chunk):
    start, stop = chunk
    return sum(1 for n in range(start, stop) if is_prime(n))


if __name__ == "__main__":
    with multiprocessing.Pool(processes=4) as pool:
        counts = pool.map(count_primes, make_chunks(LIMIT, CHUNKS))
    logging.info("primes below 200000: %d", sum(counts))
