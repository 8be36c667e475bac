# mutant: the parent sets the Event after starting only the first two workers
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
    workers = [multiprocessing.Process(target=worker, args=(n, go)) for n in range(4)]
    for n, process in enumerate(workers):
        process.start()
        if n == 1:
            go.set()
    for process in workers:
        process.join()
    logging.info("all workers done")
