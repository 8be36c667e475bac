# mutant: an unlocked counter: counter.value += 1 without the lock, so updates can be lost
# rejected-by: test_every_increment_held_the_lock
# methods: fork spawn forkserver
# message: without holding its lock
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def add_thousand(counter):
    for _ in range(1000):
        counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    processes = [multiprocessing.Process(target=add_thousand, args=(counter,)) for _ in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    logging.info("counter: %d", counter.value)
