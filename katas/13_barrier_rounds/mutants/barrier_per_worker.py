# mutant: each worker gets a Barrier of its own, of one party, so no worker waits for another
# rejected-by: test_workers_wait_at_one_barrier
# message: different Barriers
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def worker(n, barrier):
    logging.info("worker %d phase 1", n)
    barrier.wait()
    logging.info("worker %d phase 2", n)


if __name__ == "__main__":
    barriers = [multiprocessing.Barrier(1) for _ in range(4)]
    workers = [multiprocessing.Process(target=worker, args=(n, barriers[n])) for n in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join()
    logging.info("all rounds done")
