# mutant: only three processes are joined; the slow last one is left to the interpreter's exit
# rejected-by: test_started_together_then_joined
# methods: fork spawn forkserver
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def log_number(n):
    if n == 3:
        time.sleep(0.5)
    logging.info(f"process {n}")


if __name__ == "__main__":
    processes = [multiprocessing.Process(target=log_number, args=(n,)) for n in range(4)]
    for process in processes:
        process.start()
    for process in processes[:3]:
        process.join()
