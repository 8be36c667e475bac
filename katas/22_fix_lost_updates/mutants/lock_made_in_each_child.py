# mutant: each child makes its own multiprocessing.Lock(), which no other process ever holds
# rejected-by: test_every_increment_held_the_lock
# methods: fork spawn forkserver
# message: without holding its lock
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def record_visits(counter):
    lock = multiprocessing.Lock()
    for _ in range(1000):
        with lock:
            counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    processes = [multiprocessing.Process(target=record_visits, args=(counter,)) for _ in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    logging.info("visits: %d", counter.value)
