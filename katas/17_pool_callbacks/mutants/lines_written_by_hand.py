# mutant: the parent writes the expected lines into test.log by hand after joining; the callbacks log nothing
# rejected-by: test_lines_logged_by_the_parent
# message: was not written by a logging call
# methods: fork spawn forkserver
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
    pass


def log_error(error):
    pass


if __name__ == "__main__":
    pool = multiprocessing.Pool(4)
    for limit in LIMITS:
        pool.apply_async(count_primes, (limit,), callback=log_result, error_callback=log_error)
    pool.close()
    pool.join()
    with open("test.log", "a") as log:
        for limit, count in [(20000, 2262), (30000, 3245), (40000, 4203), (50000, 5133)]:
            log.write(f"2026-11-25 10:15:02,201 primes below {limit}: {count}\n")
        for limit, count in [(60000, 6057), (70000, 6935), (80000, 7837)]:
            log.write(f"2026-11-25 10:15:02,201 primes below {limit}: {count}\n")
        log.write("2026-11-25 10:15:02,201 failed: negative limit: -5\n")
