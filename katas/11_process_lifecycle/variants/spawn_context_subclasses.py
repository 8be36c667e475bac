# variant: everything from get_context("spawn"); the daemon is a subclass too, made a daemon by its attribute before start()
import logging
import multiprocessing
import os
import sys
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")
spawn = multiprocessing.get_context("spawn")


class Worker(spawn.Process):
    def __init__(self, name, code):
        super().__init__(name=name)
        self.code = code

    def run(self):
        logging.info("%s runs in pid %d", self.name, os.getpid())
        time.sleep(0.5)
        sys.exit(self.code)


class Keeper(spawn.Process):
    def run(self):
        while True:
            time.sleep(0.1)


if __name__ == "__main__":
    keeper = Keeper(name="keeper")
    keeper.daemon = True
    keeper.start()
    good = Worker("good", 0)
    bad = Worker("bad", 3)
    logging.info("good alive before start: %s", good.is_alive())
    good.start()
    bad.start()
    logging.info("good alive while running: %s", good.is_alive())
    for worker in (good, bad):
        worker.join()
    logging.info("good alive after join: %s", good.is_alive())
    for worker in (good, bad):
        logging.info("%s exitcode: %s", worker.name, worker.exitcode)
