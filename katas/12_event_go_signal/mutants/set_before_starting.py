# mutant: the parent sets the Event before starting the workers: none of them ever waits for the signal
# rejected-by: test_parent_sets_it_after_starting_all
# message: before it started
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def worker(n, go):
    go.wait()
    logging.info("worker %d working", n)


if __name__ == "__main__":
    go = multiprocessing.Event()
    go.set()
    workers = [multiprocessing.Process(target=worker, args=(n, go)) for n in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join()
    logging.info("all workers done")
