# mutant: the pool's initializer raises in every worker, so workers keep dying and map() hangs
# rejected-by: test_runs_cleanly
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def setup_worker():
    raise RuntimeError("worker set-up failed")


def square(x):
    return x * x


if __name__ == "__main__":
    with multiprocessing.Pool(2, initializer=setup_worker) as pool:
        squares = pool.map(square, range(1, 11))
    logging.info(str(squares))
