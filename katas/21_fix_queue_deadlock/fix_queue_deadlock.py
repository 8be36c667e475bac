"""Kata 21: fix the queue deadlock. Read README.md for the task.

This program runs, and it never ends: run `pytest katas/21_fix_queue_deadlock` before changing
it, and read what the checks saw when the run was stopped. Then fix it.
"""

import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

ITEMS = 10
SIZE = 1024 * 1024  # each item is 1 MiB: keep it so


def produce(queue):
    """Run in the child: put ITEMS blocks of SIZE bytes on the queue, block i filled with byte i."""
    for number in range(ITEMS):
        queue.put(bytes([number]) * SIZE)


if __name__ == "__main__":
    queue = multiprocessing.Queue()
    producer = multiprocessing.Process(target=produce, args=(queue,))
    producer.start()
    producer.join()
    received = [queue.get() for _ in range(ITEMS)]
    logging.info("received %d blocks of %d bytes", len(received), SIZE)
