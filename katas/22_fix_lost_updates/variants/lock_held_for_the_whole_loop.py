# variant: each child holds the lock once, around all of its 1000 increments
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def record_visits(counter):
    with counter.get_lock():
        for _ in range(1000):
            counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    processes = [multiprocessing.Process(target=record_visits, args=(counter,)) for _ in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    with counter.get_lock():
        final = counter.value
    logging.info("visits: %d", final)
