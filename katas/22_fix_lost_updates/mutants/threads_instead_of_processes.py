# mutant: threads instead of processes: four threading.Thread add to the Value inside the parent
# rejected-by: test_four_children_did_the_increments
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")
import threading


def record_visits(counter):
    for _ in range(1000):
        with counter.get_lock():
            counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    threads = [threading.Thread(target=record_visits, args=(counter,)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    logging.info("visits: %d", counter.value)
