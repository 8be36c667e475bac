"""Start four processes, each logging its own number; start them all, then join them all."""

import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def log_number(n):
    logging.info("process %d", n)


if __name__ == "__main__":
    processes = [multiprocessing.Process(target=log_number, args=(n,)) for n in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
