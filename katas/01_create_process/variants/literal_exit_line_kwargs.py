# variant: the child fills in a template given by kwargs; the exit line is literal, after join
import logging
import multiprocessing
import os

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def announce(*, template):
    logging.info(template.format(pid=os.getpid()))


if __name__ == "__main__":
    worker = multiprocessing.Process(
        target=announce, kwargs={"template": "hello from process {pid}"}
    )
    worker.start()
    worker.join()
    if worker.exitcode == 0:
        logging.info("child exited with code 0")
