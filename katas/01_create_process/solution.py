"""Create one child process with multiprocessing.Process, then start it and join it."""

import logging
import multiprocessing
import os

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def say_hello():
    logging.info("hello from process %d", os.getpid())


if __name__ == "__main__":
    child = multiprocessing.Process(target=say_hello)
    child.start()
    child.join()
    logging.info("child exited with code %d", child.exitcode)
