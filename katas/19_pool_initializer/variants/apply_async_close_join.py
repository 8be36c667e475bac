# variant: one apply_async per key, the pool closed and joined by hand, results read with get()
import logging
import multiprocessing
import os

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

connection = None


def connect(database):
    global connection
    connection = "%s@%d" % (database, os.getpid())
    logging.info("worker %d connected to %s", os.getpid(), database)


def lookup(key):
    logging.info("key %d looked up through %s", key, connection)
    return key * 10


if __name__ == "__main__":
    pool = multiprocessing.Pool(2, connect, ("inventory",), 2)
    pending = [pool.apply_async(lookup, (key,)) for key in range(6)]
    results = [result.get(timeout=30) for result in pending]
    pool.close()
    pool.join()
    logging.info("results: %s", results)
