# variant: freeze_support() first under the guard, processes from the default context, made and started in one loop
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(number):
    logging.info("square of %d is %d", number, number * number)



if __name__ == "__main__":
    multiprocessing.freeze_support()
    context = multiprocessing.get_context()
    logging.info("starting 3 workers")
    workers = []
    for number in (2, 3, 4):
        worker = context.Process(target=square, args=(number,), name=f"square-{number}")
        worker.start()
        workers.append(worker)
    for worker in workers:
        worker.join()
    logging.info("all workers done")
