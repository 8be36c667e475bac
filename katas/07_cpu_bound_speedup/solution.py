"""Count primes in parallel: eight chunks of CPU-bound work shared by a pool of worker processes.

Each worker has its own interpreter, so the chunks run on separate cores at once.
"""

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
    logging.info("primes below %d: %d", LIMIT, sum(counts))
