# mutant: the log format lacks %(asctime)s, so the lines miss the required timestamp
# rejected-by: test_log_file
# methods: fork spawn forkserver
import logging
import multiprocessing
import os

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(message)s")


def say_hello():
    logging.info(f"hello from process {os.getpid()}")


if __name__ == "__main__":
    process = multiprocessing.Process(target=say_hello)
    process.start()
    process.join()
    logging.info(f"child exited with code {process.exitcode}")
