# mutant: the is_alive() lines are written by hand, never asked
# rejected-by: test_is_alive_asked_before_during_and_after
# methods: fork spawn forkserver
# message: never called `good.is_alive()` before start
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
    keeper = multiprocessing.Process(target=keep_watch, name="keeper", daemon=True)
    keeper.start()
    good, bad = Worker("good", 0), Worker("bad", 3)
    logging.info("good alive before start: False")
    good.start()
    bad.start()
    logging.info("good alive while running: True")
    good.join()
    bad.join()
    logging.info("good alive after join: False")
    logging.info("good exitcode: %s", good.exitcode)
    logging.info("bad exitcode: %s", bad.exitcode)
