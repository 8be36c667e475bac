# mutant: the greeting function is called directly in the parent, no child process is made
# rejected-by: test_work_in_child_process
# methods: fork spawn forkserver
import logging
import os

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def say_hello():
    logging.info(f"hello from process {os.getpid()}")


if __name__ == "__main__":
    say_hello()
    logging.info("child exited with code 0")
