"""Kata 23: fix the missing guard. Read README.md for the task.

This program runs, and it is wrong: run `pytest katas/23_fix_missing_guard` before changing it,
and read what the checks saw under each start method. Then fix it.
"""

import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(number):
    """Run in each child: log the square of number."""
    logging.info("square of %d is %d", number, number * number)


logging.info("starting 3 workers")
workers = [multiprocessing.Process(target=square, args=(number,)) for number in (2, 3, 4)]
for worker in workers:
    worker.start()
for worker in workers:
    worker.join()
logging.info("all workers done")
