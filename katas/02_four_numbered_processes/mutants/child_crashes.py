# mutant: process 2 logs its line and then raises; the parent exits 0 all the same
# rejected-by: test_runs_cleanly
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def log_number(n):
    logging.info(f"process {n}")
    if n == 2:
        raise ValueError(f"process {n} gave up")


if __name__ == "__main__":
    processes = [multiprocessing.Process(target=log_number, args=(n,)) for n in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
