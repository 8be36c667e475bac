# mutant: a plain global int: each child adds to its own copy and the parent logs 0
# rejected-by: test_four_children_did_the_increments
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

counter = 0


def record_visits():
    global counter
    for _ in range(1000):
        counter += 1


if __name__ == "__main__":
    processes = [multiprocessing.Process(target=record_visits) for _ in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    logging.info("visits: %d", counter)
