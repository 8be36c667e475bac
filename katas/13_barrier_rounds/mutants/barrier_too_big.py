# mutant: a Barrier of 5 parties for 4 workers: it never opens and every worker waits forever
# rejected-by: test_runs_cleanly
# message: has 5 parties, but only 4 process(es) reached it
# methods: fork spawn forkserver
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
    for process in workers:
        process.join()
    logging.info("all rounds done")
