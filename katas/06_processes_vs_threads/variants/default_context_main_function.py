# variant: a main() function, get_context(), %-style logging arguments and join timeouts
import logging
import threading
from multiprocessing import get_context

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

INCREMENTS = 1000
counter = 0


def add_thousand():
    global counter
    for _ in range(INCREMENTS):
        counter += 1


def main():
    process = get_context().Process(target=add_thousand, name="adder")
    process.start()
    process.join(timeout=30)
    logging.info("after process: %d", counter)
    thread = threading.Thread(target=add_thousand, name="adder-thread")
    thread.start()
    thread.join(timeout=30)
    logging.info("after thread: %d", counter)


if __name__ == "__main__":
    main()
