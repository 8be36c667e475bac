# mutant: the parent leaves with os._exit(0) without joining, while its children still run
# rejected-by: test_runs_cleanly
# methods: fork spawn forkserver
import logging
import multiprocessing
import os
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def log_number(n):
    time.sleep(3)
    logging.info(f"process {n}")


if __name__ == "__main__":
    processes = [multiprocessing.Process(target=log_number, args=(n,)) for n in range(4)]
    for process in processes:
        process.start()
    os._exit(0)
