# variant: a Process subclass keeps its number and logs it in run(); started in reverse order
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


class NumberedProcess(multiprocessing.Process):
    def __init__(self, number):
        super().__init__()
        self.number = number

    def run(self):
        logging.info("process %d", self.number)


if __name__ == "__main__":
    workers = [NumberedProcess(number) for number in range(4)]
    for worker in reversed(workers):
        worker.start()
    for worker in workers:
        worker.join()
