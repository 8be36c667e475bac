# mutant: a with block shuts the pool down with terminate(), not close() then join()
# rejected-by: test_closed_then_joined
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def times_ten(x):
    return x * 10


if __name__ == "__main__":
    with multiprocessing.Pool(5) as pool:
        results = pool.map(times_ten, range(1, 11))
    logging.info(str(results))
