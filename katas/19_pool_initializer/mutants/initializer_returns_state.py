# mutant: the initializer returns the connection instead of setting the global: the pool drops it
# rejected-by: test_tasks_used_their_workers_connection
# message: throws an initializer's return value away
import logging
import multiprocessing
import os

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

connection = None


def connect(database):
    """Run once in each worker, before its first task: set this worker's connection."""


    logging.info("worker %d connected to %s", os.getpid(), database)
    return f"{database}@{os.getpid()}"


def lookup(key):
    """Run in a worker for each key, through the connection its initializer set."""
    logging.info("key %d looked up through %s", key, connection)
    return key * 10


if __name__ == "__main__":
    with multiprocessing.Pool(
        processes=2, initializer=connect, initargs=("inventory",), maxtasksperchild=2
    ) as pool:
        results = pool.map(lookup, range(6), chunksize=1)
    logging.info("results: %s", results)
