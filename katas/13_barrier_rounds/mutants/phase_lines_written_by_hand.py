# mutant: the workers pass the Barrier silently; the parent writes every phase line into test.log with open(), in order
# rejected-by: test_each_worker_is_a_process
# message: was not written by a logging call
# methods: fork spawn forkserver
import datetime
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def stamp():
    return datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S,%f")[:-3]


def worker(n, barrier):
    barrier.wait()


if __name__ == "__main__":
    barrier = multiprocessing.Barrier(4)
    workers = [multiprocessing.Process(target=worker, args=(n, barrier)) for n in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join()
    with open("test.log", "a") as log:
        for phase in (1, 2):
            for n in range(4):
                log.write(f"{stamp()} worker {n} phase {phase}\n")
    logging.info("all rounds done")
