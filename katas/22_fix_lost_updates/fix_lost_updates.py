"""Kata 22: fix the lost updates. Read README.md for the task.

This program runs, and it is wrong: run `pytest katas/22_fix_lost_updates` before changing it,
and read what the checks saw. Then fix it.
"""

import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def record_visits(counter):
    """Run in each child: count 1000 visits on the shared counter."""
    for _ in range(1000):
        counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    processes = [multiprocessing.Process(target=record_visits, args=(counter,)) for _ in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    logging.info("visits: %d", counter.value)
