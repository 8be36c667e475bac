# mutant: one Event per worker, each set by the parent: four private signals, not one shared go
# rejected-by: test_workers_wait_on_one_event
# message: different Events
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def worker(n, go):
    go.wait()
    logging.info("worker %d working", n)


if __name__ == "__main__":
    signals = [multiprocessing.Event() for _ in range(4)]
    workers = [multiprocessing.Process(target=worker, args=(n, signals[n])) for n in range(4)]
    for process in workers:
        process.start()
    for go in signals:
        go.set()
    for process in workers:
        process.join()
    logging.info("all workers done")
