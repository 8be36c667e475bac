"""Kata 8: workers fed by a queue. Read README.md for the task."""

import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = list(range(1, 21))  # what the producer puts; the checker also runs your program with others

CONSUMERS = 3


def consume(tasks, results):
    """Run in each consumer: square the numbers taken from tasks until a None arrives."""
    pass  # TODO


if __name__ == "__main__":
    # TODO: create a tasks queue and a results queue, start CONSUMERS processes running consume.
    # TODO: put the numbers of NUMBERS on tasks, then one None per consumer.
    # TODO: take the 20 squares from results and add them up, join the consumers,
    #       then log "total: <total>".
    pass
