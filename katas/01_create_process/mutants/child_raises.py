# mutant: the child logs its line and then raises; the parent ignores its exit code and exits 0
# rejected-by: test_runs_cleanly
# methods: fork spawn forkserver
import logging
import multiprocessing
import os

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def say_hello():
    logging.info(f"hello from process {os.getpid()}")
    raise RuntimeError("something went wrong after the greeting")


if __name__ == "__main__":
    process = multiprocessing.Process(target=say_hello)
    process.start()
    process.join()
    logging.info("child exited with code 0")
