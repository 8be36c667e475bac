# mutant: threads instead of processes: nothing is imported again, and nothing runs in another process
# rejected-by: test_squares_logged_by_the_children
# methods: fork spawn forkserver
import logging
import threading

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(number):
    logging.info("square of %d is %d", number, number * number)


logging.info("starting 3 workers")
workers = [threading.Thread(target=square, args=(number,)) for number in (2, 3, 4)]
for worker in workers:
    worker.start()
for worker in workers:
    worker.join()
logging.info("all workers done")
