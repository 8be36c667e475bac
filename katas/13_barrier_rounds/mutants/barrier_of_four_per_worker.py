# mutant: each worker gets a Barrier of 4 parties of its own: each waits alone, forever
# rejected-by: test_runs_cleanly
# message: of its own
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def worker(n, barrier):
    logging.info("worker %d phase 1", n)
    barrier.wait()
    logging.info("worker %d phase 2", n)


if __name__ == "__main__":
    barriers = [multiprocessing.Barrier(4) for _ in range(4)]
    workers = [multiprocessing.Process(target=worker, args=(n, barriers[n])) for n in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join()
    logging.info("all rounds done")
