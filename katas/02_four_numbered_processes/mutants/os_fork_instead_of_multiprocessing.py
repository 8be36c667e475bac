# mutant: the four children come from os.fork() and os.waitpid(), not from multiprocessing
# rejected-by: test_each_line_from_its_own_child
# methods: fork spawn forkserver
import logging
import os

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def log_number(n):
    logging.info(f"process {n}")


if __name__ == "__main__":
    pids = []
    for n in range(4):
        pid = os.fork()
        if pid == 0:
            log_number(n)
            os._exit(0)
        pids.append(pid)
    for pid in pids:
        os.waitpid(pid, 0)
