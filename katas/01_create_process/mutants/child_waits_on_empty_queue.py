# mutant: deadlock: the child waits on a Queue nobody ever feeds, and the parent joins it
# rejected-by: test_runs_cleanly
# methods: fork spawn forkserver
import logging
import multiprocessing
import os

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def say_hello(inbox):
    logging.info(f"hello from process {os.getpid()}")
    inbox.get()


if __name__ == "__main__":
    inbox = multiprocessing.Queue()
    process = multiprocessing.Process(target=say_hello, args=(inbox,))
    process.start()
    process.join()
    logging.info(f"child exited with code {process.exitcode}")
