# mutant: a Barrier of 2 parties for 4 workers: it lets them through two at a time
# rejected-by: test_workers_wait_at_one_barrier
# message: has 2 parties for 4 workers
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def worker(n, barrier):
    logging.info("worker %d phase 1", n)
    barrier.wait()
    logging.info("worker %d phase 2", n)


if __name__ == "__main__":
    barrier = multiprocessing.Barrier(2)
    workers = [multiprocessing.Process(target=worker, args=(n, barrier)) for n in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join()
    logging.info("all rounds done")
