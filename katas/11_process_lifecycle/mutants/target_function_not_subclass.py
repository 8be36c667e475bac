# mutant: plain Process objects with a target function and a name, no subclass with its own run()
# rejected-by: test_each_worker_is_a_process_subclass_with_its_own_run
# methods: fork spawn forkserver
# message: not the `run()` method
import logging
import multiprocessing
import os
import sys
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def work(code):
    logging.info("%s runs in pid %d", multiprocessing.current_process().name, os.getpid())
    time.sleep(0.5)
    sys.exit(code)


def keep_watch():
    while True:
        time.sleep(0.1)


if __name__ == "__main__":
    keeper = multiprocessing.Process(target=keep_watch, name="keeper", daemon=True)
    keeper.start()
    good, bad = multiprocessing.Process(target=work, args=(0,), name="good"), multiprocessing.Process(
        target=work, args=(3,), name="bad"
    )
    logging.info("good alive before start: %s", good.is_alive())
    good.start()
    bad.start()
    logging.info("good alive while running: %s", good.is_alive())
    good.join()
    bad.join()
    logging.info("good alive after join: %s", good.is_alive())
    logging.info("good exitcode: %s", good.exitcode)
    logging.info("bad exitcode: %s", bad.exitcode)
