# mutant: the thread is never joined; the parent waits with a sleep, then logs
# rejected-by: test_joined_before_logging
# methods: fork spawn forkserver
# message: without joining the thread
import logging
import multiprocessing
import threading
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

counter = 0


def increment():
    global counter
    for _ in range(1000):
        counter += 1


if __name__ == "__main__":
    process = multiprocessing.Process(target=increment)
    process.start()
    process.join()
    logging.info("after process: %d", counter)

    thread = threading.Thread(target=increment)
    thread.start()
    time.sleep(0.5)
    logging.info("after thread: %d", counter)
