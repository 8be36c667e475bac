# mutant: the children still add without the lock, and the parent writes the expected total over what they left
# rejected-by: test_four_children_did_the_increments
# methods: fork spawn forkserver
# message: the parent
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def record_visits(counter):
    for _ in range(1000):
        counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    processes = [multiprocessing.Process(target=record_visits, args=(counter,)) for _ in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    counter.value = 4000
    logging.info("visits: %d", counter.value)
