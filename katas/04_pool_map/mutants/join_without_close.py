# mutant: pool.join() is called without close(), which raises ValueError("Pool is still running")
# rejected-by: test_runs_cleanly
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(x):
    return x * x


if __name__ == "__main__":
    pool = multiprocessing.Pool(4)
    squares = pool.map(square, range(1, 11))
    logging.info(str(squares))
    pool.join()
