# mutant: the counter is a shared multiprocessing.Value, so the child's additions leak back
# rejected-by: test_process_ran_in_a_child
# methods: fork spawn forkserver
import logging
import multiprocessing
import threading

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def add_thousand(counter):
    for _ in range(1000):
        with counter.get_lock():
            counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    process = multiprocessing.Process(target=add_thousand, args=(counter,))
    process.start()
    process.join()
    logging.info(f"after process: {counter.value}")
    thread = threading.Thread(target=add_thousand, args=(counter,))
    thread.start()
    thread.join()
    logging.info(f"after thread: {counter.value}")
