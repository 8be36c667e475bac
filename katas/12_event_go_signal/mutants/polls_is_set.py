# mutant: the worker polls go.is_set() in a sleep loop instead of calling go.wait()
# rejected-by: test_workers_wait_on_one_event
# message: with `is_set()`
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

import time


def worker(n, go):
    while not go.is_set():
        time.sleep(0.01)
    logging.info("worker %d working", n)


if __name__ == "__main__":
    go = multiprocessing.Event()
    workers = [multiprocessing.Process(target=worker, args=(n, go)) for n in range(4)]
    for process in workers:
        process.start()
    go.set()
    for process in workers:
        process.join()
    logging.info("all workers done")
