# mutant: guarded, but only two workers, for 2 and 3: the square of 4 is never logged
# rejected-by: test_log_file
# methods: fork spawn forkserver
# message: square of 4 is 16
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(number):
    logging.info("square of %d is %d", number, number * number)


if __name__ == "__main__":
    logging.info("starting 3 workers")
    workers = [multiprocessing.Process(target=square, args=(number,)) for number in (2, 3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    logging.info("all workers done")
