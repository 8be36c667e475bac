# variant: a Process subclass and a Thread subclass whose run() calls the counting function
import logging
import multiprocessing
import threading

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

INCREMENTS = 1000
counter = 0


def increment_many():
    global counter
    for _ in range(INCREMENTS):
        counter += 1


class CountingProcess(multiprocessing.Process):
    def run(self):
        increment_many()


class CountingThread(threading.Thread):
    def run(self):
        increment_many()


if __name__ == "__main__":
    process = CountingProcess()
    process.start()
    process.join()
    logging.info(f"after process: {counter}")
    thread = CountingThread()
    thread.start()
    thread.join()
    logging.info(f"after thread: {counter}")
