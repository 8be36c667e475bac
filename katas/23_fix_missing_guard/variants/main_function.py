# variant: the work in a main() function, called from the guard
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(number):
    logging.info("square of %d is %d", number, number * number)



def main():
    logging.info("starting 3 workers")
    workers = [multiprocessing.Process(target=square, args=(number,)) for number in (2, 3, 4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    logging.info("all workers done")


if __name__ == "__main__":
    main()
