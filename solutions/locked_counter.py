"""A counter behind a lock: four processes add to one shared Value, each increment under its lock."""

import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

INCREMENTS = 1000


def add_increments(counter):
    for _ in range(INCREMENTS):
        with counter.get_lock():
            counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    processes = [multiprocessing.Process(target=add_increments, args=(counter,)) for _ in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    logging.info("counter: %d", counter.value)
