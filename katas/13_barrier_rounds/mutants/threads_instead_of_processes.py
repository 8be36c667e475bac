# mutant: threads meet at a threading.Barrier instead of processes at a multiprocessing one
# rejected-by: test_each_worker_is_a_process
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

import threading


def worker(n, barrier):
    logging.info("worker %d phase 1", n)
    barrier.wait()
    logging.info("worker %d phase 2", n)


if __name__ == "__main__":
    barrier = threading.Barrier(4)
    workers = [threading.Thread(target=worker, args=(n, barrier)) for n in range(4)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    logging.info("all rounds done")
