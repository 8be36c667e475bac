# variant: a Process subclass that keeps its number and the Barrier as attributes, and logs its pid in an extra line
import logging
import multiprocessing
import os

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


class Worker(multiprocessing.Process):
    def __init__(self, n, barrier):
        super().__init__(name=f"worker-{n}")
        self.n = n
        self.barrier = barrier

    def run(self):
        logging.info("worker %d phase 1", self.n)
        arrived = self.barrier.wait()
        logging.info("worker %d (pid %d) was number %d through", self.n, os.getpid(), arrived)
        logging.info("worker %d phase 2", self.n)


if __name__ == "__main__":
    barrier = multiprocessing.Barrier(4)
    workers = [Worker(n, barrier) for n in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join()
    logging.info("all rounds done")
