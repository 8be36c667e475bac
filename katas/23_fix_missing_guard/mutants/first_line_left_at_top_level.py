# mutant: guarded, except the parent's first log line, which each spawned child logs again as it imports the file
# rejected-by: test_processes_started_from_the_main_block
# methods: spawn forkserver
# message: ran its top-level code again
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(number):
    logging.info("square of %d is %d", number, number * number)


logging.info("starting 3 workers")

if __name__ == "__main__":
    workers = [multiprocessing.Process(target=square, args=(number,)) for number in (2, 3, 4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    logging.info("all workers done")
