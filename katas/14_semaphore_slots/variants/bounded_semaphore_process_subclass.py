# variant: a BoundedSemaphore(2) kept on a Process subclass, which carries it to a spawned child when pickled
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


class Worker(multiprocessing.Process):
    def __init__(self, slots, number):
        super().__init__()
        self.slots = slots
        self.number = number

    def run(self):
        with self.slots:
            logging.info("worker %d working", self.number)
            time.sleep(0.5)


if __name__ == "__main__":
    slots = multiprocessing.BoundedSemaphore(2)
    workers = [Worker(slots, n) for n in range(6)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    logging.info("all workers done")
