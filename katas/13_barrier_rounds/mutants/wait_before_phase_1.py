# mutant: the worker waits at the Barrier first, then logs both phases: the barrier separates nothing
# rejected-by: test_no_phase_2_before_every_phase_1
# message: after its `wait()`
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def worker(n, barrier):
    barrier.wait()
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
