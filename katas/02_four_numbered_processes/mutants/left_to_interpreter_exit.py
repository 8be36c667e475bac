# mutant: join() is never called; only multiprocessing's exit handler waits for the busy children
# rejected-by: test_started_together_then_joined
# methods: fork spawn forkserver
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def log_number(n):
    time.sleep(0.5)
    logging.info(f"process {n}")


if __name__ == "__main__":
    for n in range(4):
        multiprocessing.Process(target=log_number, args=(n,)).start()
