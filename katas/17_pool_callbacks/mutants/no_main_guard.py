# mutant: no __main__ guard: each spawned worker re-runs the submissions as it imports the file
# rejected-by: test_runs_cleanly
# methods: spawn forkserver
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


if True:
    pool = multiprocessing.Pool(4)
    for limit in LIMITS:
        pool.apply_async(count_primes, (limit,), callback=log_result, error_callback=log_error)
    pool.close()
    pool.join()
