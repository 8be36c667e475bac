# mutant: no __main__ guard; under spawn and forkserver each child re-runs the module and fails
# rejected-by: test_runs_cleanly
# methods: spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def worker(n, go):
    go.wait()
    logging.info("worker %d working", n)


go = multiprocessing.Event()
workers = [multiprocessing.Process(target=worker, args=(n, go)) for n in range(4)]
for process in workers:
    process.start()
go.set()
for process in workers:
    process.join()
logging.info("all workers done")
