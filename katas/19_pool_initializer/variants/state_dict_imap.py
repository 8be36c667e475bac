# variant: the worker's state is a module-level dict filled in place, the keys read with imap
import logging
import multiprocessing
import os

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

state = {}


def connect(database):
    state["connection"] = f"{database}@{os.getpid()}"
    logging.info(f"worker {os.getpid()} connected to {database}")


def lookup(key):
    logging.info(f"key {key} looked up through {state['connection']}")
    return key * 10


if __name__ == "__main__":
    with multiprocessing.Pool(processes=2, initializer=connect, initargs=("inventory",), maxtasksperchild=2) as pool:
        results = list(pool.imap(lookup, range(6)))
    logging.info("results: %s", results)
