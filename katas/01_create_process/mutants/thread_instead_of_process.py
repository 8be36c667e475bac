# mutant: a threading.Thread runs the greeting, so it comes from the parent's own pid
# rejected-by: test_work_in_child_process
# methods: fork spawn forkserver
import logging
import os
import threading

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def say_hello():
    logging.info(f"hello from process {os.getpid()}")


if __name__ == "__main__":
    worker = threading.Thread(target=say_hello)
    worker.start()
    worker.join()
    logging.info("child exited with code 0")
