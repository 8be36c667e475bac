# mutant: no __main__ guard; under spawn and forkserver each child re-runs the module and fails
# rejected-by: test_runs_cleanly
# methods: spawn forkserver
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def work(slots, number):
    with slots:
        logging.info("worker %d working", number)
        time.sleep(0.5)


slots = multiprocessing.Semaphore(2)
workers = [multiprocessing.Process(target=work, args=(slots, n)) for n in range(6)]
for worker in workers:
    worker.start()
for worker in workers:
    worker.join()
logging.info("all workers done")
