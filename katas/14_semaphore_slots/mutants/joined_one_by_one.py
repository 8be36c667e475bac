# mutant: each worker is joined right after it starts: they run one after another and the second slot is never used (checked under fork: six spawned interpreters one after another may outlast the time limit first)
# rejected-by: test_two_at_once_never_more
# methods: fork
# message: never in use together
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def work(slots, number):
    with slots:
        logging.info("worker %d working", number)
        time.sleep(0.2)


if __name__ == "__main__":
    slots = multiprocessing.Semaphore(2)
    workers = [multiprocessing.Process(target=work, args=(slots, n)) for n in range(6)]
    for worker in workers:
        worker.start()
        worker.join()
    logging.info("all workers done")
