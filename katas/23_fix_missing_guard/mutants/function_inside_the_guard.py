# mutant: square is defined inside the guard too, so a spawned child cannot find it
# rejected-by: test_runs_cleanly
# methods: spawn forkserver
# message: could not find `square`
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

if __name__ == "__main__":

    def square(number):
        logging.info("square of %d is %d", number, number * number)

    logging.info("starting 3 workers")
    workers = [multiprocessing.Process(target=square, args=(number,)) for number in (2, 3, 4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    logging.info("all workers done")
