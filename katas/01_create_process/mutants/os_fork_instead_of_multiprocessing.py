# mutant: the child is made with os.fork() instead of the multiprocessing module
# rejected-by: test_work_in_child_process
# methods: fork spawn forkserver
import logging
import os

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def say_hello():
    logging.info(f"hello from process {os.getpid()}")


if __name__ == "__main__":
    pid = os.fork()
    if pid == 0:
        say_hello()
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    logging.info(f"child exited with code {os.waitstatus_to_exitcode(status)}")
