# mutant: the process and the thread both run increment, but the parent logs the two counts written by hand
# rejected-by: test_thread_line_follows_the_count
# methods: fork spawn forkserver
# message: exactly what the stated input gives
import logging
import multiprocessing
import threading

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

INCREMENTS = 1000
counter = 0


def increment():
    global counter
    for _ in range(INCREMENTS):
        counter += 1


if __name__ == "__main__":
    process = multiprocessing.Process(target=increment)
    process.start()
    process.join()
    logging.info("after process: 0")

    thread = threading.Thread(target=increment)
    thread.start()
    thread.join()
    logging.info("after thread: 1000")
