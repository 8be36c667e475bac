# mutant: the counts from pool.map are ignored; the parent calls count_primes on every chunk again
# rejected-by: test_counts_added_up_from_the_pool
# methods: fork spawn forkserver
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
    chunks = make_chunks(LIMIT, CHUNKS)
    pool = multiprocessing.Pool(processes=4)
    pool.map(count_primes, chunks)
    pool.close()
    pool.join()
    logging.info("primes below %d: %d", LIMIT, sum(count_primes(chunk) for chunk in chunks))
