# variant: the counting function takes how many times to add as an argument (args and kwargs)
import logging
import multiprocessing
import threading

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

INCREMENTS = 1000
counter = 0


def add(times):
    global counter
    for _ in range(times):
        counter += 1


if __name__ == "__main__":
    p = multiprocessing.Process(target=add, args=(INCREMENTS,))
    p.start()
    p.join()
    logging.info("after process: " + str(counter))
    t = threading.Thread(target=add, kwargs={"times": INCREMENTS})
    t.start()
    t.join()
    logging.info("after thread: " + str(counter))
