# mutant: the work is logged and done before the slot is taken; the slot holds nothing
# rejected-by: test_work_done_inside_the_slot
# methods: fork spawn forkserver
# message: while it held no slot
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def work(slots, number):
    logging.info("worker %d working", number)
    time.sleep(0.5)
    with slots:
        pass


if __name__ == "__main__":
    slots = multiprocessing.Semaphore(2)
    workers = [multiprocessing.Process(target=work, args=(slots, n)) for n in range(6)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    logging.info("all workers done")
