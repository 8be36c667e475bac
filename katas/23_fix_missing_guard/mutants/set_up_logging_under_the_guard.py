# mutant: the whole file under the guard, logging set-up included: spawned children log nowhere
# rejected-by: test_log_file
# methods: spawn forkserver
import logging
import multiprocessing


def square(number):
    logging.info("square of %d is %d", number, number * number)


if __name__ == "__main__":
    logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")
    logging.info("starting 3 workers")
    workers = [multiprocessing.Process(target=square, args=(number,)) for number in (2, 3, 4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    logging.info("all workers done")
