# mutant: no __main__ guard; under spawn and forkserver each worker re-runs the module and dies
# rejected-by: test_runs_cleanly
# methods: spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(x):
    return x * x


with multiprocessing.Pool(4) as pool:
    squares = pool.map(square, range(1, 11))
logging.info(str(squares))
