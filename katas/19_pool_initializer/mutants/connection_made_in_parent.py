# mutant: the parent makes one connection and hands it to every worker through initargs
# rejected-by: test_tasks_used_their_workers_connection
# message: names the parent
import logging
import multiprocessing
import os

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

connection = None


def connect(made):
    global connection
    connection = made
    logging.info("worker %d connected to %s", os.getpid(), made)


def lookup(key):
    logging.info("key %d looked up through %s", key, connection)
    return key * 10


if __name__ == "__main__":
    made = f"inventory@{os.getpid()}"
    with multiprocessing.Pool(processes=2, initializer=connect, initargs=(made,), maxtasksperchild=2) as pool:
        results = pool.map(lookup, range(6), chunksize=1)
    logging.info("results: %s", results)
