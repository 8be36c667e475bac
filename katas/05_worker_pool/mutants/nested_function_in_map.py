# mutant: map() gets a function nested in main(), which cannot be pickled under any start method
# rejected-by: test_runs_cleanly
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def main():
    def times_ten(x):
        return x * 10

    pool = multiprocessing.Pool(5)
    results = pool.map(times_ten, range(1, 11))
    pool.close()
    pool.join()
    logging.info(str(results))


if __name__ == "__main__":
    main()
