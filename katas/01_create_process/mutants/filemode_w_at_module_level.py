# mutant: filemode="w" at module level; a spawned or forkserver child truncates test.log
# rejected-by: test_log_file
# methods: spawn forkserver
import logging
import multiprocessing
import os

logging.basicConfig(
    filename="test.log", filemode="w", level=logging.INFO, format="%(asctime)s %(message)s"
)


def say_hello():
    logging.info(f"hello from process {os.getpid()}")


if __name__ == "__main__":
    process = multiprocessing.Process(target=say_hello)
    process.start()
    process.join()
    logging.info(f"child exited with code {process.exitcode}")
