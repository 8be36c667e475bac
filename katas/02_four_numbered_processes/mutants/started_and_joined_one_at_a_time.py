# mutant: each process is joined right after it is started, so they run one at a time, not together
# rejected-by: test_started_together_then_joined
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def log_number(n):
    logging.info(f"process {n}")


if __name__ == "__main__":
    for n in range(4):
        process = multiprocessing.Process(target=log_number, args=(n,))
        process.start()
        process.join()
