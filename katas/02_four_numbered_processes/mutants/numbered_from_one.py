# mutant: the processes are numbered 1 to 4 instead of 0 to 3
# rejected-by: test_log_file
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def log_number(n):
    logging.info(f"process {n}")


if __name__ == "__main__":
    processes = [multiprocessing.Process(target=log_number, args=(n,)) for n in range(1, 5)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
