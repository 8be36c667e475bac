# mutant: no __main__ guard; under spawn and forkserver each worker re-runs the module and dies
# rejected-by: test_runs_cleanly
# methods: spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def times_ten(x):
    return x * 10


pool = multiprocessing.Pool(5)
results = pool.map(times_ten, range(1, 11))
pool.close()
pool.join()
logging.info(str(results))
