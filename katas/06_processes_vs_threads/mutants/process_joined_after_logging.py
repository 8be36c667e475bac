# mutant: the process line is logged before the join, which comes only at the end
# rejected-by: test_joined_before_logging
# methods: fork spawn forkserver
# message: before joining
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
    process.join()
