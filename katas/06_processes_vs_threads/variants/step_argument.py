# variant: the counting function takes how many times to add as an argument (args and kwargs)
import logging
import multiprocessing
import threading

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

counter = 0


def add(times):
    global counter
    for _ in range(times):
        counter += 1


if __name__ == "__main__":
    p = multiprocessing.Process(target=add, args=(1000,))
    p.start()
    p.join()
    logging.info("after process: " + str(counter))
    t = threading.Thread(target=add, kwargs={"times": 1000})
    t.start()
    t.join()
    logging.info("after thread: " + str(counter))
