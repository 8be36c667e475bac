"""Cheat (kata 02): multiprocessing's process start replaced so each target runs in the main
process while os.getpid() returns a made-up pid; the tracer faithfully records the lie."""

import itertools
import logging
import multiprocessing
import multiprocessing.context
import multiprocessing.process
import os

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

_made_up = itertools.count(os.getpid() + 500)


class InPlace:
    """Stands in for a Popen: runs the process object here, under a made-up pid."""

    method = "fork"

    def __init__(self, process_obj):
        self.pid = next(_made_up)
        self.sentinel = None
        real_getpid, current = os.getpid, multiprocessing.process._current_process
        os.getpid = lambda: self.pid
        try:
            self.returncode = process_obj._bootstrap()
        finally:
            os.getpid = real_getpid
            multiprocessing.process._current_process = current

    def poll(self, flag=0):
        return self.returncode

    def wait(self, timeout=None):
        return self.returncode

    def close(self):
        pass

    terminate = kill = close


def log_number(n):
    logging.info("process %d", n)


if __name__ == "__main__":
    for kind in (
        multiprocessing.context.Process,
        multiprocessing.context.ForkProcess,
        multiprocessing.context.SpawnProcess,
        multiprocessing.context.ForkServerProcess,
    ):
        kind._Popen = staticmethod(InPlace)
    processes = [multiprocessing.Process(target=log_number, args=(n,)) for n in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
