# mutant: the workers are made and started at the top level; only the joins and the last line are guarded
# rejected-by: test_runs_cleanly
# methods: spawn forkserver
# message: bootstrapping phase
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(number):
    logging.info("square of %d is %d", number, number * number)


logging.info("starting 3 workers")
workers = [multiprocessing.Process(target=square, args=(number,)) for number in (2, 3, 4)]
for worker in workers:
    worker.start()

if __name__ == "__main__":
    for worker in workers:
        worker.join()
    logging.info("all workers done")
