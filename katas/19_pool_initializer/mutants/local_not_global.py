# mutant: the initializer assigns connection without declaring it global: a local, gone when it returns
# rejected-by: test_tasks_used_their_workers_connection
# message: set no module global
import logging
import multiprocessing
import os

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

connection = None


def connect(database):
    """Run once in each worker, before its first task: set this worker's connection."""
    connection = f"{database}@{os.getpid()}"
    logging.info("worker %d connected to %s", os.getpid(), database)


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
