# mutant: an extra idle child is started and joined before the real one; exactly one is asked for
# rejected-by: test_work_in_child_process
# methods: fork spawn forkserver
import logging
import multiprocessing
import os

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def say_hello():
    logging.info(f"hello from process {os.getpid()}")


def do_nothing():
    pass


if __name__ == "__main__":
    helper = multiprocessing.Process(target=do_nothing)
    helper.start()
    helper.join()
    process = multiprocessing.Process(target=say_hello)
    process.start()
    process.join()
    logging.info(f"child exited with code {process.exitcode}")
