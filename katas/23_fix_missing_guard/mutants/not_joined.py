# mutant: guarded, but the workers are never joined: the parent logs that all are done while they still run
# rejected-by: test_all_joined_before_logging
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(number):
    logging.info("square of %d is %d", number, number * number)


if __name__ == "__main__":
    logging.info("starting 3 workers")
    workers = [multiprocessing.Process(target=square, args=(number,)) for number in (2, 3, 4)]
    for worker in workers:
        worker.start()
    logging.info("all workers done")
