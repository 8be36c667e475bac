# mutant: each child logs through its own logger set to WARNING, so the INFO lines are dropped
# rejected-by: test_log_file
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def log_number(n):
    logger = logging.getLogger(f"worker{n}")
    logger.setLevel(logging.WARNING)
    logger.info(f"process {n}")


if __name__ == "__main__":
    processes = [multiprocessing.Process(target=log_number, args=(n,)) for n in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
