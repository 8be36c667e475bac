# mutant: each worker waits on the Event, then writes its work line into test.log with open(), not with logging
# rejected-by: test_each_worker_is_a_process
# message: was not written by a logging call
# methods: fork spawn forkserver
import datetime
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def stamp():
    return datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S,%f")[:-3]


def worker(n, go):
    go.wait()
    with open("test.log", "a") as log:
        log.write(f"{stamp()} worker {n} working\n")


if __name__ == "__main__":
    go = multiprocessing.Event()
    workers = [multiprocessing.Process(target=worker, args=(n, go)) for n in range(4)]
    for process in workers:
        process.start()
    go.set()
    for process in workers:
        process.join()
    logging.info("all workers done")
