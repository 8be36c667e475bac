# mutant: four processes, but two of them get number 2 and nobody gets 3
# rejected-by: test_log_file
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def log_number(n):
    logging.info(f"process {n}")


if __name__ == "__main__":
    processes = [multiprocessing.Process(target=log_number, args=(n,)) for n in [0, 1, 2, 2]]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
