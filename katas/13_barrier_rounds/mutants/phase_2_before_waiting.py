# mutant: the worker logs both phases and only then waits at the Barrier
# rejected-by: test_no_phase_2_before_every_phase_1
# message: before its `wait()`
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def worker(n, barrier):
    logging.info("worker %d phase 1", n)
    logging.info("worker %d phase 2", n)
    barrier.wait()


if __name__ == "__main__":
    barrier = multiprocessing.Barrier(4)
    workers = [multiprocessing.Process(target=worker, args=(n, barrier)) for n in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join()
    logging.info("all rounds done")
