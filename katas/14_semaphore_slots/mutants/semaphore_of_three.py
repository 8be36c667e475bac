# mutant: Semaphore(3): three slots, not two
# rejected-by: test_six_workers_share_one_semaphore_of_two
# methods: fork spawn forkserver
# message: made with value 3
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def work(slots, number):
    with slots:
        logging.info("worker %d working", number)
        time.sleep(0.5)


if __name__ == "__main__":
    slots = multiprocessing.Semaphore(3)
    workers = [multiprocessing.Process(target=work, args=(slots, n)) for n in range(6)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    logging.info("all workers done")
