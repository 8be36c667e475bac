# mutant: the parent starts the workers and joins them, but never sets the Event: every worker waits forever
# rejected-by: test_runs_cleanly
# message: which no process ever set
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def worker(n, go):
    go.wait()
    logging.info("worker %d working", n)


if __name__ == "__main__":
    go = multiprocessing.Event()
    workers = [multiprocessing.Process(target=worker, args=(n, go)) for n in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join()
    logging.info("all workers done")
