# mutant: the workers log phase 1 and meet the parent at the Barrier; the parent then logs every phase 2 line
# rejected-by: test_each_worker_is_a_process
# message: main process
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def worker(n, barrier):
    logging.info("worker %d phase 1", n)
    barrier.wait()


if __name__ == "__main__":
    barrier = multiprocessing.Barrier(5)
    workers = [multiprocessing.Process(target=worker, args=(n, barrier)) for n in range(4)]
    for process in workers:
        process.start()
    barrier.wait()
    for n in range(4):
        logging.info("worker %d phase 2", n)
    for process in workers:
        process.join()
    logging.info("all rounds done")
