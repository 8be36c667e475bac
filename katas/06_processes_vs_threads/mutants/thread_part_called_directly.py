# mutant: the "thread" part calls the function in the main thread; no threading.Thread is made
# rejected-by: test_thread_ran_in_the_parent
# methods: fork spawn forkserver
import logging
import multiprocessing

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
    add_thousand()
    logging.info(f"after thread: {counter}")
