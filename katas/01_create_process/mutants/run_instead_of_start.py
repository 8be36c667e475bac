# mutant: process.run() is called instead of start(), so the function runs in the parent
# rejected-by: test_work_in_child_process
# methods: fork spawn forkserver
import logging
import multiprocessing
import os

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def say_hello():
    logging.info(f"hello from process {os.getpid()}")


if __name__ == "__main__":
    process = multiprocessing.Process(target=say_hello)
    process.run()
    logging.info("child exited with code 0")
