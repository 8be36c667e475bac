# mutant: a single child process logs all four lines
# rejected-by: test_each_line_from_its_own_child
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def log_all_numbers():
    for n in range(4):
        logging.info(f"process {n}")


if __name__ == "__main__":
    process = multiprocessing.Process(target=log_all_numbers)
    process.start()
    process.join()
