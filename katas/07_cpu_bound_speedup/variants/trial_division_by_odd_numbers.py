# variant: is_prime() tries 2, then odd divisors up to the square root; apply_async per chunk
import logging
import math
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

LIMIT = 200000
CHUNKS = 8


def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    for d in range(3, math.isqrt(n) + 1, 2):
        if n % d == 0:
            return False
    return True


def count_primes(low, high):
    return sum(1 for n in range(low, high) if is_prime(n))


if __name__ == "__main__":
    size = LIMIT // CHUNKS
    with multiprocessing.Pool(4) as pool:
        pending = [
            pool.apply_async(count_primes, (i * size, (i + 1) * size)) for i in range(CHUNKS)
        ]
        total = sum(result.get(timeout=60) for result in pending)
    logging.info(f"primes below {LIMIT}: {total}")
