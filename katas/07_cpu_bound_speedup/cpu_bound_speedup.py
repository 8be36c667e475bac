"""Kata 7: speed up CPU-bound work. Read README.md for the task."""

import logging
import math
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

LIMIT = 200_000  # count the primes below it; the checker also runs your program with another
CHUNKS = 8


def is_prime(n):
    """Return True if n (n >= 0) is prime (ready-made).

    Plain trial division up to the square root: slow on purpose, so each chunk is real work.
    """
    for divisor in range(2, math.isqrt(n) + 1):
        if n % divisor == 0:
            return False
    return n >= 2


def make_chunks(limit, count):
    """Split range(limit) into count equal (start, stop) tuples (ready-made).

    make_chunks(200_000, 8) == [(0, 25000), (25000, 50000), ..., (175000, 200000)]
    """
    size = limit // count
    return [(i * size, limit if i == count - 1 else (i + 1) * size) for i in range(count)]


def count_primes(chunk):
    """Run in a pool worker: return how many n with start <= n < stop are prime."""
    pass  # TODO


if __name__ == "__main__":
    # TODO: with a multiprocessing.Pool of at least 2 worker processes, map count_primes
    #       over make_chunks(LIMIT, CHUNKS), so the eight chunks are counted in parallel.
    # TODO: add up the counts and log "primes below <LIMIT>: <total>" (for 200000, 17984).
    # TODO: shut the pool down before the program ends.
    pass
