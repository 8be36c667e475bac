# variant: a daemon child, still started and joined; its pid comes from current_process().pid
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def say_hello():
    logging.info("hello from process %s", multiprocessing.current_process().pid)


if __name__ == "__main__":
    process = multiprocessing.Process(target=say_hello, daemon=True)
    process.start()
    process.join()
    logging.info("child exited with code %s", process.exitcode)
