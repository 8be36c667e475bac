# mutant: the processes are started but never joined; the parent just sleeps until they are done
# rejected-by: test_started_together_then_joined
# methods: fork spawn forkserver
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def log_number(n):
    logging.info(f"process {n}")


if __name__ == "__main__":
    for n in range(4):
        multiprocessing.Process(target=log_number, args=(n,)).start()
    time.sleep(2)
