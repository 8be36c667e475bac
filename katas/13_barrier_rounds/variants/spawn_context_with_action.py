# variant: an explicit get_context("spawn"); the Barrier runs a top-level action once all have arrived; passed by keyword
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def all_arrived():
    logging.info("everyone finished phase 1")


def worker(n, barrier):
    logging.info("worker %d phase 1", n)
    barrier.wait()
    logging.info("worker %d phase 2", n)


def main():
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(4, action=all_arrived)
    workers = [context.Process(target=worker, kwargs={"n": n, "barrier": barrier}) for n in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join()
    logging.info("all rounds done")


if __name__ == "__main__":
    main()
