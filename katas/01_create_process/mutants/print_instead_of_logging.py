# mutant: both lines are printed to stdout instead of logged, so test.log stays empty
# rejected-by: test_log_file
# methods: fork spawn forkserver
import logging
import multiprocessing
import os

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def say_hello():
    print(f"hello from process {os.getpid()}")


if __name__ == "__main__":
    process = multiprocessing.Process(target=say_hello)
    process.start()
    process.join()
    print(f"child exited with code {process.exitcode}")
