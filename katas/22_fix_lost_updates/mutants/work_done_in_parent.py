# mutant: work done in the parent: it adds the 4000 itself, the four children do nothing
# rejected-by: test_four_children_did_the_increments
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def record_visits(counter):
    pass


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    processes = [multiprocessing.Process(target=record_visits, args=(counter,)) for _ in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    for _ in range(4000):
        with counter.get_lock():
            counter.value += 1
    logging.info("visits: %d", counter.value)
