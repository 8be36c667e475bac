# variant: the parent waits at the Barrier too (5 parties: 4 workers and the parent), and logs when phase 1 is over
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def worker(n, barrier):
    logging.info("worker %d phase 1", n)
    barrier.wait()
    logging.info("worker %d phase 2", n)


if __name__ == "__main__":
    barrier = multiprocessing.Barrier(5)
    workers = [multiprocessing.Process(target=worker, args=(n, barrier)) for n in range(4)]
    for process in workers:
        process.start()
    barrier.wait()
    logging.info("phase 1 is over in every worker")
    for process in workers:
        process.join()
    logging.info("all rounds done")
