# mutant: the Barrier is made and passed, but the worker never waits at it between its phases
# rejected-by: test_workers_wait_at_one_barrier
# message: never waited at a `multiprocessing.Barrier`
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def worker(n, barrier):
    logging.info("worker %d phase 1", n)
    logging.info("worker %d phase 2", n)


if __name__ == "__main__":
    barrier = multiprocessing.Barrier(4)
    workers = [multiprocessing.Process(target=worker, args=(n, barrier)) for n in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join()
    logging.info("all rounds done")
