# variant: Pool(processes=5) and list(pool.imap(...)), then close() and join()
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = list(range(1, 11))


def scale(value):
    return value * 10


if __name__ == "__main__":
    workers = multiprocessing.Pool(processes=5)
    scaled = list(workers.imap(scale, NUMBERS))
    workers.close()
    workers.join()
    logging.info(str(scaled))
