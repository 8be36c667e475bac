# variant: each worker waits in a loop of wait(timeout), reporting while it waits; the parent sets the Event after a pause
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def worker(n, go):
    while not go.wait(timeout=0.05):
        logging.info("worker %d still waiting", n)
    logging.info("worker %d working", n)


if __name__ == "__main__":
    go = multiprocessing.Event()
    workers = [multiprocessing.Process(target=worker, args=(n, go), name=f"worker-{n}") for n in range(4)]
    for process in workers:
        process.start()
    time.sleep(0.2)
    go.set()
    for process in workers:
        process.join(timeout=5)
    logging.info("all workers done")
