# mutant: guarded, but the parent logs the squares itself and the children do nothing
# rejected-by: test_squares_logged_by_the_children
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(number):
    return number * number


if __name__ == "__main__":
    logging.info("starting 3 workers")
    workers = [multiprocessing.Process(target=square, args=(number,)) for number in (2, 3, 4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    for number in (2, 3, 4):
        logging.info("square of %d is %d", number, square(number))
    logging.info("all workers done")
