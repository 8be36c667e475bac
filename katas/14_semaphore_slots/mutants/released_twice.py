# mutant: release() called twice after one acquire(): each extra release adds a slot
# rejected-by: test_one_release_per_acquire
# methods: fork spawn forkserver
# message: more often than it acquired
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def work(slots, number):
    slots.acquire()
    logging.info("worker %d working", number)
    time.sleep(0.5)
    slots.release()
    slots.release()


if __name__ == "__main__":
    slots = multiprocessing.Semaphore(2)
    workers = [multiprocessing.Process(target=work, args=(slots, n)) for n in range(6)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    logging.info("all workers done")
