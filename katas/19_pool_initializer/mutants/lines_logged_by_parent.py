# mutant: the workers only compute; the parent writes the lookup lines itself afterwards
# rejected-by: test_tasks_used_their_workers_connection
# message: main process
import logging
import multiprocessing
import os

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

connection = None


def connect(database):
    global connection
    connection = f"{database}@{os.getpid()}"
    logging.info("worker %d connected to %s", os.getpid(), database)


def lookup(key):
    return key * 10, connection


if __name__ == "__main__":
    with multiprocessing.Pool(processes=2, initializer=connect, initargs=("inventory",), maxtasksperchild=2) as pool:
        pairs = pool.map(lookup, range(6), chunksize=1)
    for key, (value, used) in enumerate(pairs):
        logging.info("key %d looked up through %s", key, used)
    logging.info("results: %s", [value for value, _ in pairs])
