# mutant: acquire() without release(): the first child ends holding the lock and the others wait forever
# rejected-by: test_runs_cleanly
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def record_visits(counter):
    for _ in range(1000):
        counter.get_lock().acquire()
        counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    processes = [multiprocessing.Process(target=record_visits, args=(counter,)) for _ in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    logging.info("visits: %d", counter.value)
