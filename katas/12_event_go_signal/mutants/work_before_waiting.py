# mutant: the worker logs its work line first and waits on the Event after
# rejected-by: test_no_work_before_the_go
# message: before its `wait()`
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def worker(n, go):
    logging.info("worker %d working", n)
    go.wait()


if __name__ == "__main__":
    go = multiprocessing.Event()
    workers = [multiprocessing.Process(target=worker, args=(n, go)) for n in range(4)]
    for process in workers:
        process.start()
    go.set()
    for process in workers:
        process.join()
    logging.info("all workers done")
