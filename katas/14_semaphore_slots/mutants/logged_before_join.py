# mutant: the parent logs all workers done before joining them
# rejected-by: test_all_joined_before_logging
# methods: fork spawn forkserver
# message: before joining
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
    workers = [multiprocessing.Process(target=work, args=(slots, n)) for n in range(6)]
    for worker in workers:
        worker.start()
    logging.info("all workers done")
    for worker in workers:
        worker.join()
