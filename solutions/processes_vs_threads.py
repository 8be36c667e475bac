"""A process works on its own copy of memory; a thread shares its parent's."""

import logging
import multiprocessing
import threading

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

INCREMENTS = 1000
counter = 0


def increment():
    global counter
    for _ in range(INCREMENTS):
        counter += 1


if __name__ == "__main__":
    process = multiprocessing.Process(target=increment)
    process.start()
    process.join()
    logging.info("after process: %d", counter)

    thread = threading.Thread(target=increment)
    thread.start()
    thread.join()
    logging.info("after thread: %d", counter)
