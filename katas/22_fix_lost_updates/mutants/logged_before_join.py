# mutant: the parent logs the counter before joining the children (a sleep hides the race)
# rejected-by: test_all_joined_before_logging
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")
import time


def record_visits(counter):
    for _ in range(1000):
        with counter.get_lock():
            counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    processes = [multiprocessing.Process(target=record_visits, args=(counter,)) for _ in range(4)]
    for process in processes:
        process.start()
    time.sleep(1.5)
    logging.info("visits: %d", counter.value)
    for process in processes:
        process.join()
