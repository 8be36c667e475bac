# mutant: the parent calls work() six times itself: no worker process
# rejected-by: test_each_worker_logged_from_its_own_process
# methods: fork spawn forkserver
# message: main
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def work(slots, number):
    with slots:
        logging.info("worker %d working", number)
        time.sleep(0.5)


if __name__ == "__main__":
    slots = multiprocessing.Semaphore(2)
    for n in range(6):
        work(slots, n)
    logging.info("all workers done")
