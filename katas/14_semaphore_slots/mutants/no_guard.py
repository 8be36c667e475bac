# mutant: no semaphore at all: all six work at once
# rejected-by: test_six_workers_share_one_semaphore_of_two
# methods: fork spawn forkserver
# message: acquired a `multiprocessing.Semaphore`
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def work(slots, number):
    logging.info("worker %d working", number)
    time.sleep(0.5)


if __name__ == "__main__":
    slots = multiprocessing.Semaphore(2)
    workers = [multiprocessing.Process(target=work, args=(slots, n)) for n in range(6)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    logging.info("all workers done")
