# mutant: one Process per chunk, each joined before the next starts, so the chunks never overlap
# rejected-by: test_chunks_ran_in_parallel
# methods: fork spawn forkserver
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


def count_primes(bounds, results):
    low, high = bounds
    results.put(sum(1 for n in range(low, high) if is_prime(n)))


if __name__ == "__main__":
    size = LIMIT // CHUNKS
    results = multiprocessing.Queue()
    total = 0
    for i in range(CHUNKS):
        process = multiprocessing.Process(
            target=count_primes, args=((i * size, (i + 1) * size), results)
        )
        process.start()
        total += results.get(timeout=60)
        process.join()
    logging.info(f"primes below {LIMIT}: {total}")
