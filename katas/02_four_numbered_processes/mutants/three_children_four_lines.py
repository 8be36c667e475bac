# mutant: only three children are made; the last one logs both "process 2" and "process 3"
# rejected-by: test_each_line_from_its_own_child
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def log_numbers(*numbers):
    for n in numbers:
        logging.info(f"process {n}")


if __name__ == "__main__":
    work = [(0,), (1,), (2, 3)]
    processes = [multiprocessing.Process(target=log_numbers, args=numbers) for numbers in work]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
