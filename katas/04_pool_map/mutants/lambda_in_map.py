# mutant: pool.map gets a lambda, which cannot be pickled as a task under any start method
# rejected-by: test_runs_cleanly
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

if __name__ == "__main__":
    with multiprocessing.Pool(4) as pool:
        squares = pool.map(lambda x: x * x, range(1, 11))
    logging.info(str(squares))
