# mutant: the loop steps by 3 and waits for exactly 1000, so it never ends and join() hangs
# rejected-by: test_runs_cleanly
# methods: fork spawn forkserver
import logging
import multiprocessing
import threading

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

counter = 0


def add_thousand():
    global counter
    added = 0
    while added != 1000:
        counter += 1
        added += 3


if __name__ == "__main__":
    process = multiprocessing.Process(target=add_thousand)
    process.start()
    process.join()
    logging.info(f"after process: {counter}")
    thread = threading.Thread(target=add_thousand)
    thread.start()
    thread.join()
    logging.info(f"after thread: {counter}")
