"""Kata 17: callbacks from a pool. Read README.md for the task."""

import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

LIMITS = [20000, 30000, 40000, -5, 50000, 60000, 70000, 80000]


def count_primes(limit):
    """Run in a worker: return (limit, how many primes are below limit); raise ValueError if limit < 0."""
    pass  # TODO


def log_result(result):
    """Run in the parent for each result: log "primes below <limit>: <count>"."""
    pass  # TODO


def log_error(error):
    """Run in the parent for the task that raised: log "failed: <error>"."""
    pass  # TODO


if __name__ == "__main__":
    # TODO: make a pool of 4 workers.
    # TODO: for each limit, apply_async(count_primes, ...) with callback=log_result, error_callback=log_error.
    # TODO: close the pool, then join it.
    pass
