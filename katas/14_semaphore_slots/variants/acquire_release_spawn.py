# variant: explicit acquire() and release() in try/finally, everything from get_context("spawn")
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def work(slots, number):
    slots.acquire()
    try:
        logging.info("worker %d working", number)
        time.sleep(0.5)
    finally:
        slots.release()


if __name__ == "__main__":
    spawn = multiprocessing.get_context("spawn")
    slots = spawn.Semaphore(2)
    workers = [spawn.Process(target=work, args=(slots, n)) for n in range(6)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    logging.info("all workers done")
