# mutant: logging is set up only under the __main__ guard, so a spawned child logs nowhere
# rejected-by: test_log_file
# methods: spawn forkserver
import logging
import multiprocessing
import os


def say_hello():
    logging.info(f"hello from process {os.getpid()}")


if __name__ == "__main__":
    logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")
    process = multiprocessing.Process(target=say_hello)
    process.start()
    process.join()
    logging.info(f"child exited with code {process.exitcode}")
