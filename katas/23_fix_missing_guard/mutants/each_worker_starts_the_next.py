# mutant: guarded, but one worker started by another: each worker starts the next one from its own code
# rejected-by: test_processes_started_from_the_main_block
# methods: fork spawn forkserver
# message: was started by
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(number):
    logging.info("square of %d is %d", number, number * number)
    if number < 4:
        worker = multiprocessing.Process(target=square, args=(number + 1,))
        worker.start()
        worker.join()


if __name__ == "__main__":
    logging.info("starting 3 workers")
    worker = multiprocessing.Process(target=square, args=(2,))
    worker.start()
    worker.join()
    logging.info("all workers done")
