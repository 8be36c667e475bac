# variant: explicit acquire() and release() in try/finally, processes from get_context("spawn")
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def record_visits(counter):
    lock = counter.get_lock()
    for _ in range(1000):
        lock.acquire()
        try:
            counter.value += 1
        finally:
            lock.release()


if __name__ == "__main__":
    ctx = multiprocessing.get_context("spawn")
    counter = ctx.Value("i", 0)
    workers = [ctx.Process(target=record_visits, args=(counter,)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=10)
    logging.info(f"visits: {counter.value}")
