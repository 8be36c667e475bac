# mutant: does everything right, then ends with sys.exit(1)
# rejected-by: test_runs_cleanly
# methods: fork spawn forkserver
import logging
import multiprocessing
import sys
import threading

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

counter = 0


def add_thousand():
    global counter
    for _ in range(1000):
        counter += 1


if __name__ == "__main__":
    process = multiprocessing.Process(target=add_thousand)
    process.start()
    process.join()
    logging.info(f"after process: {counter}")
    thread = threading.Thread(target=add_thousand)
    thread.start()
    thread.join()
    logging.info(f"after thread: {counter}")
    sys.exit(1)
