# mutant: the child never returns (endless loop), so the parent's join never ends
# rejected-by: test_runs_cleanly
# methods: fork spawn forkserver
import logging
import multiprocessing
import os
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def say_hello():
    logging.info(f"hello from process {os.getpid()}")
    while True:
        time.sleep(0.1)


if __name__ == "__main__":
    process = multiprocessing.Process(target=say_hello)
    process.start()
    process.join()
    logging.info(f"child exited with code {process.exitcode}")
