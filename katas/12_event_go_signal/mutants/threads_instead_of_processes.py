# mutant: threads wait on the Event instead of processes
# rejected-by: test_each_worker_is_a_process
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

import threading


def worker(n, go):
    go.wait()
    logging.info("worker %d working", n)


if __name__ == "__main__":
    go = multiprocessing.Event()
    workers = [threading.Thread(target=worker, args=(n, go)) for n in range(4)]
    for thread in workers:
        thread.start()
    go.set()
    for thread in workers:
        thread.join()
    logging.info("all workers done")
