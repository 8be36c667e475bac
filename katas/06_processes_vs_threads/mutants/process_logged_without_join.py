# mutant: the process is started and the line logged right away; the child is never joined
# rejected-by: test_joined_before_logging
# methods: fork spawn forkserver
# message: never joined
import logging
import multiprocessing
import threading

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

counter = 0


def increment():
    global counter
    for _ in range(1000):
        counter += 1


if __name__ == "__main__":
    process = multiprocessing.Process(target=increment)
    process.start()
    logging.info("after process: %d", counter)

    thread = threading.Thread(target=increment)
    thread.start()
    thread.join()
    logging.info("after thread: %d", counter)
