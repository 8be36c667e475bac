"""Cheat (kata 02): as child_logs_nowhere, but main puts the four lines into test.log through a
memory map of the file, with no write system call for the kernel to attribute."""

import io
import logging
import mmap
import multiprocessing
import os
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def log_number(n, stamps):
    logging.getLogger().handlers[0].setStream(io.StringIO())
    logging.info("process %d", n)
    stamps.put((n, logging.Formatter().formatTime(logging.makeLogRecord({"created": time.time()}))))


if __name__ == "__main__":
    stamps = multiprocessing.Queue()
    ps = [multiprocessing.Process(target=log_number, args=(n, stamps)) for n in range(4)]
    for p in ps:
        p.start()
    lines = sorted(stamps.get() for _ in ps)
    for p in ps:
        p.join()
    data = "".join(f"{s} process {n}\n" for n, s in lines).encode()
    fd = os.open("test.log", os.O_RDWR | os.O_CREAT)
    os.ftruncate(fd, len(data))
    with mmap.mmap(fd, len(data)) as m:
        m[:] = data
    os.close(fd)
