# mutant: the lock is held while reading the value, but released before writing it back
# rejected-by: test_every_increment_held_the_lock
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def record_visits(counter):
    for _ in range(1000):
        with counter.get_lock():
            current = counter.value
        counter.value = current + 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    processes = [multiprocessing.Process(target=record_visits, args=(counter,)) for _ in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    logging.info("visits: %d", counter.value)
