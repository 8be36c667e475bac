# mutant: the Barrier is a module global; each spawned child (and the fork server) re-imports the file and makes its own
# rejected-by: test_runs_cleanly
# message: not by the parent: an Event or Barrier created at module level
# methods: spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

barrier = multiprocessing.Barrier(4)


def worker(n):
    logging.info("worker %d phase 1", n)
    barrier.wait()
    logging.info("worker %d phase 2", n)


if __name__ == "__main__":
    workers = [multiprocessing.Process(target=worker, args=(n,)) for n in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join()
    logging.info("all rounds done")
