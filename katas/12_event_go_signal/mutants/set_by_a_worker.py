# mutant: worker 0 sets the Event itself; the parent never gives the signal
# rejected-by: test_workers_wait_on_one_event
# message: never called `set()`
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def worker(n, go):
    if n == 0:
        go.set()
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
