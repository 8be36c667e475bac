# mutant: the Semaphore is made at module level and used as a global: under spawn and forkserver each child re-imports the file and makes its own
# rejected-by: test_six_workers_share_one_semaphore_of_two
# methods: spawn forkserver
# message: which it made itself
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


SLOTS = multiprocessing.Semaphore(2)


def work(number):
    with SLOTS:
        logging.info("worker %d working", number)
        time.sleep(0.5)


if __name__ == "__main__":
    workers = [multiprocessing.Process(target=work, args=(n,)) for n in range(6)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    logging.info("all workers done")
