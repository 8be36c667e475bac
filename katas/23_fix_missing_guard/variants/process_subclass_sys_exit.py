# variant: a Process subclass whose run() logs the square, and sys.exit(main()) under the guard
import logging
import multiprocessing
import sys

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


class Squarer(multiprocessing.Process):
    def __init__(self, number):
        super().__init__()
        self.number = number

    def run(self):
        logging.info("square of %d is %d", self.number, self.number**2)


def main():
    logging.info("starting 3 workers")
    workers = [Squarer(number) for number in (2, 3, 4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    logging.info("all workers done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
