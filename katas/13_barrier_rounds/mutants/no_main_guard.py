# mutant: no __main__ guard; under spawn and forkserver each child re-runs the module and fails
# rejected-by: test_runs_cleanly
# methods: spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def worker(n, barrier):
    logging.info("worker %d phase 1", n)
    barrier.wait()
    logging.info("worker %d phase 2", n)


barrier = multiprocessing.Barrier(4)
workers = [multiprocessing.Process(target=worker, args=(n, barrier)) for n in range(4)]
for process in workers:
    process.start()
for process in workers:
    process.join()
logging.info("all rounds done")
