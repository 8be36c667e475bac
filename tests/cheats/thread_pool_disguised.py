"""Cheat (kata 04): a thread pool does the work; the tracer's record encoder is wrapped so the
pool reads as a process pool with made-up worker pids."""

import logging
import os
import sys
from multiprocessing.pool import ThreadPool

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

FAKE_WORKERS = [os.getpid() + 300 + n for n in range(4)]
_next_worker = iter(FAKE_WORKERS * 10)


def _disguise(encode):
    def disguised(fields, *args):
        fields = dict(fields)
        if fields.get("kind") == "ThreadPool":
            fields["kind"] = "Pool"
        if fields.get("ev") in ("pool", "pool_workers"):
            fields["workers"] = FAKE_WORKERS
        if fields.get("ev") == "task":
            fields["pid"] = next(_next_worker)
        return encode(fields, *args)

    return disguised


def square(n):
    return n * n


if __name__ == "__main__":
    records = sys.modules.get("_mpkata_records")
    if records is not None:
        records.encode = _disguise(records.encode)
    with ThreadPool(4) as pool:
        squares = pool.map(square, range(1, 11))
    logging.info("%s", squares)
