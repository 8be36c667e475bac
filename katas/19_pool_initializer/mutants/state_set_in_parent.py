# mutant: the parent sets the connection before making the pool: a copy reaches the workers under fork only
# rejected-by: test_tasks_used_their_workers_connection
# message: only under fork
import logging
import multiprocessing
import os

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

connection = None


def lookup(key):
    logging.info("key %d looked up through %s", key, connection)
    return key * 10


if __name__ == "__main__":
    connection = f"inventory@{os.getpid()}"
    logging.info("worker %d connected to %s", os.getpid(), "inventory")
    with multiprocessing.Pool(processes=2, maxtasksperchild=2) as pool:
        results = pool.map(lookup, range(6), chunksize=1)
    logging.info("results: %s", results)
