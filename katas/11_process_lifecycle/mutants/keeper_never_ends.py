# mutant: the keeper loops forever but is not a daemon: the parent's exit waits for it forever
# rejected-by: test_runs_cleanly
# methods: fork spawn forkserver
# message: time limit
import logging
import multiprocessing
import os
import sys
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


class Worker(multiprocessing.Process):
    def __init__(self, name, code):
        super().__init__(name=name)
        self.code = code

    def run(self):
        logging.info("%s runs in pid %d", self.name, os.getpid())
        time.sleep(0.5)
        sys.exit(self.code)


def keep_watch():
    while True:
        time.sleep(0.1)


if __name__ == "__main__":
    keeper = multiprocessing.Process(target=keep_watch, name="keeper")
    keeper.start()
    good, bad = Worker("good", 0), Worker("bad", 3)
    logging.info("good alive before start: %s", good.is_alive())
    good.start()
    bad.start()
    logging.info("good alive while running: %s", good.is_alive())
    good.join()
    bad.join()
    logging.info("good alive after join: %s", good.is_alive())
    logging.info("good exitcode: %s", good.exitcode)
    logging.info("bad exitcode: %s", bad.exitcode)
