# variant: a multiprocessing.Process subclass whose run() logs the greeting
import logging
import multiprocessing
import os

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


class Greeter(multiprocessing.Process):
    def run(self):
        logging.info(f"hello from process {os.getpid()}")


if __name__ == "__main__":
    greeter = Greeter()
    greeter.start()
    greeter.join()
    logging.info(f"child exited with code {greeter.exitcode}")
