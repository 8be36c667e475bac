# mutant: the workers wait on the Event, but the parent writes their work lines after setting it
# rejected-by: test_each_worker_is_a_process
# message: main process
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def worker(n, go):
    go.wait()


if __name__ == "__main__":
    go = multiprocessing.Event()
    workers = [multiprocessing.Process(target=worker, args=(n, go)) for n in range(4)]
    for process in workers:
        process.start()
    go.set()
    for n in range(4):
        logging.info("worker %d working", n)
    for process in workers:
        process.join()
    logging.info("all workers done")
