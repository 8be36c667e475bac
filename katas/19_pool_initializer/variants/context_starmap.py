# variant: a Pool from the default context, starmap over (key,) tuples, a connection object with a name
import logging
import multiprocessing
import os

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


class Connection:
    def __init__(self, database):
        self.name = f"{database}@{os.getpid()}"

    def __repr__(self):
        return repr(self.name)

    def __str__(self):
        return self.name


connection = None


def connect(database):
    global connection
    connection = Connection(database)
    logging.info("worker %d connected to %s", os.getpid(), database)


def lookup(key):
    logging.info("key %d looked up through %s", key, connection)
    return key * 10


if __name__ == "__main__":
    context = multiprocessing.get_context()
    pool = context.Pool(processes=2, initializer=connect, initargs=["inventory"], maxtasksperchild=2)
    try:
        results = pool.starmap(lookup, [(key,) for key in range(6)], chunksize=1)
    finally:
        pool.close()
        pool.join()
    logging.info("results: %s", results)
