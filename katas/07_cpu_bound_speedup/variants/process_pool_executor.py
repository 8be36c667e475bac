# variant: concurrent.futures.ProcessPoolExecutor(max_workers=4) and executor.map over bounds
import concurrent.futures
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


def count_primes(low, high):
    return sum(1 for n in range(low, high) if is_prime(n))


if __name__ == "__main__":
    size = LIMIT // CHUNKS
    lows = [i * size for i in range(CHUNKS)]
    highs = [low + size for low in lows]
    with concurrent.futures.ProcessPoolExecutor(max_workers=4) as executor:
        total = sum(executor.map(count_primes, lows, highs))
    logging.info(f"primes below {LIMIT}: {total}")
