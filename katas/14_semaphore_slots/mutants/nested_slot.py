# mutant: the logging is guarded by a second `with slots:` inside the first: two workers each hold one slot and wait forever for a second (a deadlock)
# rejected-by: test_runs_cleanly
# methods: fork spawn forkserver
# message: time limit
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def work(slots, number):
    with slots:
        with slots:
            logging.info("worker %d working", number)
        time.sleep(0.5)


if __name__ == "__main__":
    slots = multiprocessing.Semaphore(2)
    workers = [multiprocessing.Process(target=work, args=(slots, n)) for n in range(6)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    logging.info("all workers done")
