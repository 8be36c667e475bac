# mutant: only the parent waits at a Barrier (of one party), after starting the workers; they never do
# rejected-by: test_workers_wait_at_one_barrier
# message: Only the parent
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def worker(n):
    logging.info("worker %d phase 1", n)
    logging.info("worker %d phase 2", n)


if __name__ == "__main__":
    barrier = multiprocessing.Barrier(1)
    workers = [multiprocessing.Process(target=worker, args=(n,)) for n in range(4)]
    for process in workers:
        process.start()
    barrier.wait()
    for process in workers:
        process.join()
    logging.info("all rounds done")
