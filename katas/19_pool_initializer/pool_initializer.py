"""Kata 19: one set-up per worker. Read README.md for the task."""

import logging
import multiprocessing
import os

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

connection = None


def connect(database):
    """Run once in each worker, before its first task: set this worker's connection."""
    pass  # TODO: set the global connection to "<database>@<pid>", log "worker <pid> connected to <database>"


def lookup(key):
    """Run in a worker for each key: log "key <key> looked up through <connection>", return key * 10."""
    pass  # TODO


if __name__ == "__main__":
    # TODO: a Pool of 2 processes, initializer=connect, initargs=("inventory",), maxtasksperchild=2.
    # TODO: results = pool.map(lookup, range(6), chunksize=1); shut the pool down.
    # TODO: log "results: <results>".
    pass
