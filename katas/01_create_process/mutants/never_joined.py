# mutant: the child is started but never joined; the parent logs the exit line straight away
# rejected-by: test_started_and_joined
# methods: fork spawn forkserver
import logging
import multiprocessing
import os
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def say_hello():
    logging.info(f"hello from process {os.getpid()}")


if __name__ == "__main__":
    process = multiprocessing.Process(target=say_hello)
    process.start()
    time.sleep(1)
    logging.info("child exited with code 0")
