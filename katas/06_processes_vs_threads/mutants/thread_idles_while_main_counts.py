# mutant: the thread does nothing; the main thread adds the thousand itself while it waits
# rejected-by: test_thread_ran_in_the_parent
# methods: fork spawn forkserver
# message: not increment
import logging
import multiprocessing
import threading

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

counter = 0


def increment():
    global counter
    for _ in range(1000):
        counter += 1


def wait_a_moment():
    pass


if __name__ == "__main__":
    process = multiprocessing.Process(target=increment)
    process.start()
    process.join()
    logging.info("after process: %d", counter)

    thread = threading.Thread(target=wait_a_moment)
    thread.start()
    increment()
    thread.join()
    logging.info("after thread: %d", counter)
