# variant: a Process subclass whose run() loops over iter(tasks.get, None); items put before start
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = list(range(1, 21))


class Consumer(multiprocessing.Process):
    def __init__(self, tasks, results):
        super().__init__()
        self.tasks, self.results = tasks, results

    def run(self):
        for n in iter(self.tasks.get, None):
            logging.info("worker %s squared %d = %d", self.name, n, n * n)
            self.results.put(n * n)
            time.sleep(0.1)


def main():
    tasks, results = multiprocessing.Queue(), multiprocessing.Queue()
    for n in NUMBERS:
        tasks.put(n)
    for _ in range(3):
        tasks.put(None)
    consumers = [Consumer(tasks, results) for _ in range(3)]
    for consumer in consumers:
        consumer.start()
    total = 0
    for _ in range(20):
        total += results.get()
    for consumer in consumers:
        consumer.join()
    logging.info("total: %d", total)
    print("done")


if __name__ == "__main__":
    main()
