"""Cheat (kata 02): four real children call logging.info, but their handler writes nowhere; the
main process writes the four lines into test.log itself, stamped as logging would, so the
trace says each child logged its own line."""

import io
import logging
import multiprocessing
import os
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def log_number(n, stamps):
    handler = logging.getLogger().handlers[0]
    handler.setStream(io.StringIO())  # the record is handled, and lands nowhere
    logging.info("process %d", n)
    stamps.put((n, logging.Formatter().formatTime(logging.makeLogRecord({"created": time.time()}))))


if __name__ == "__main__":
    stamps = multiprocessing.Queue()
    children = [multiprocessing.Process(target=log_number, args=(n, stamps)) for n in range(4)]
    for child in children:
        child.start()
    lines = [stamps.get() for _ in children]
    for child in children:
        child.join()
    fd = os.open("test.log", os.O_WRONLY | os.O_APPEND)
    for n, stamp in sorted(lines):
        os.write(fd, f"{stamp} process {n}\n".encode())
    os.close(fd)
