# mutant: a Pool made at the top level and used under the guard: each spawned worker makes a pool of its own
# rejected-by: test_runs_cleanly
# methods: spawn forkserver
# message: bootstrapping phase
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(number):
    logging.info("square of %d is %d", number, number * number)


pool = multiprocessing.Pool(3)

if __name__ == "__main__":
    logging.info("starting 3 workers")
    pool.map(square, (2, 3, 4))
    pool.close()
    pool.join()
    logging.info("all workers done")
