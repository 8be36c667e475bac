# mutant: INCREMENTS is set, but each child adds 1 a thousand times whatever it says
# rejected-by: test_logged_value_follows_the_count
# methods: fork spawn forkserver
# message: wrote the counter 1000 times; the task asks each of the 4 children to add 1 to it 1500 times
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

INCREMENTS = 1000


def add_increments(counter):
    for _ in range(1000):
        with counter.get_lock():
            counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    processes = [multiprocessing.Process(target=add_increments, args=(counter,)) for _ in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    logging.info("counter: %d", counter.value)
