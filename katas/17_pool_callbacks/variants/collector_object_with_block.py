# variant: a collector object's bound methods as callbacks; close and join inside a with block
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

LIMITS = [20000, 30000, 40000, -5, 50000, 60000, 70000, 80000]


def count_primes(limit):
    if limit < 0:
        raise ValueError(f"negative limit: {limit}")
    count = 0
    for n in range(2, limit):
        if all(n % d for d in range(2, int(n**0.5) + 1)):
            count += 1
    return limit, count


def log_result(result):
    limit, count = result
    logging.info("primes below %d: %d", limit, count)


def log_error(error):
    logging.info("failed: %s", error)


class Collector:
    """Counts what came back, and logs each result as it arrives."""

    def __init__(self):
        self.results = 0
        self.errors = 0

    def done(self, result):
        self.results += 1
        log_result(result)

    def failed(self, error):
        self.errors += 1
        log_error(error)


if __name__ == "__main__":
    collector = Collector()
    with multiprocessing.Pool(processes=4) as pool:
        for limit in LIMITS:
            pool.apply_async(count_primes, args=(limit,), callback=collector.done, error_callback=collector.failed)
        pool.close()
        pool.join()
    logging.info("%d results, %d errors", collector.results, collector.errors)
