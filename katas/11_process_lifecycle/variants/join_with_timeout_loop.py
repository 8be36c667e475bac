# variant: join(timeout) in a loop while is_alive() says True; exit codes from a table of expected codes
import logging
import multiprocessing
import os
import sys
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

CODES = {"good": 0, "bad": 3}


class Worker(multiprocessing.Process):
    def __init__(self, name):
        multiprocessing.Process.__init__(self, name=name)

    def run(self):
        logging.info("%s runs in pid %d", self.name, os.getpid())
        time.sleep(0.5)
        sys.exit(CODES[self.name])


def keep_watch():
    while True:
        time.sleep(0.1)


if __name__ == "__main__":
    multiprocessing.Process(target=keep_watch, name="keeper", daemon=True).start()
    workers = {name: Worker(name) for name in CODES}
    logging.info("good alive before start: %s", workers["good"].is_alive())
    for worker in workers.values():
        worker.start()
    logging.info("good alive while running: %s", workers["good"].is_alive())
    for worker in workers.values():
        worker.join(timeout=0.2)
        while worker.is_alive():
            worker.join(timeout=0.2)
    logging.info("good alive after join: %s", workers["good"].is_alive())
    for name, worker in workers.items():
        logging.info("%s exitcode: %s", name, worker.exitcode)
