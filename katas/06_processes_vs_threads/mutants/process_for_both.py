# mutant: a multiprocessing.Process runs the "thread" part too, so the parent's counter stays 0
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
    second = multiprocessing.Process(target=add_thousand)
    second.start()
    second.join()
    logging.info(f"after thread: {counter}")
