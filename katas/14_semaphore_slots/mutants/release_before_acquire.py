# mutant: a release() "to be safe" before the with-block: a slot nobody freed
# rejected-by: test_one_release_per_acquire
# methods: fork spawn forkserver
# message: before it had acquired
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def work(slots, number):
    slots.release()
    with slots:
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
