# mutant: a ThreadPool: the initializer and tasks run in threads of the main process
# rejected-by: test_pool_of_two_processes
# message: its workers are threads
import logging
import os
from multiprocessing.pool import ThreadPool

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

connection = None


def connect(database):
    """Run once in each worker, before its first task: set this worker's connection."""
    global connection
    connection = f"{database}@{os.getpid()}"
    logging.info("worker %d connected to %s", os.getpid(), database)


def lookup(key):
    """Run in a worker for each key, through the connection its initializer set."""
    logging.info("key %d looked up through %s", key, connection)
    return key * 10


if __name__ == "__main__":
    with ThreadPool(
        processes=2, initializer=connect, initargs=("inventory",)
    ) as pool:
        results = pool.map(lookup, range(6), chunksize=1)
    logging.info("results: %s", results)
