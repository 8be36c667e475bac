# variant: keyword arguments, raise SystemExit(code) in run(), f-strings in the log calls, bad started first
import logging
import multiprocessing
import os
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


class Worker(multiprocessing.Process):
    def __init__(self, *, name, code=0):
        super().__init__(name=name, daemon=False)
        self.code = code

    def run(self):
        logging.info(f"{self.name} runs in pid {os.getpid()}")
        time.sleep(0.5)
        if self.code:
            raise SystemExit(self.code)


def keep_watch():
    while True:
        time.sleep(0.1)


def main():
    good = Worker(name="good")
    bad = Worker(name="bad", code=3)
    logging.info(f"good alive before start: {good.is_alive()}")
    bad.start()
    good.start()
    alive = good.is_alive()
    logging.info(f"good alive while running: {alive}")
    watcher = multiprocessing.Process(target=keep_watch, name="keeper", daemon=True)
    watcher.start()
    bad.join()
    good.join()
    logging.info(f"good alive after join: {good.is_alive()}")
    codes = {worker.name: worker.exitcode for worker in (good, bad)}
    logging.info(f"good exitcode: {codes['good']}")
    logging.info(f"bad exitcode: {codes['bad']}")


if __name__ == "__main__":
    main()
