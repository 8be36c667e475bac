# mutant: filemode="w" at module level; spawned or forkserver children truncate test.log
# rejected-by: test_log_file
# methods: spawn forkserver
import logging
import multiprocessing
import time

logging.basicConfig(
    filename="test.log", filemode="w", level=logging.INFO, format="%(asctime)s %(message)s"
)


def log_number(n):
    time.sleep(0.2 * n)
    logging.info(f"process {n}")


if __name__ == "__main__":
    processes = [multiprocessing.Process(target=log_number, args=(n,)) for n in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
