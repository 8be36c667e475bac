"""The queue deadlock fixed: the parent takes every block with get() before it joins the child."""

import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

ITEMS = 10
SIZE = 1024 * 1024


def produce(queue):
    for number in range(ITEMS):
        queue.put(bytes([number]) * SIZE)


if __name__ == "__main__":
    queue = multiprocessing.Queue()
    producer = multiprocessing.Process(target=produce, args=(queue,))
    producer.start()
    received = [queue.get() for _ in range(ITEMS)]
    producer.join()
    logging.info("received %d blocks of %d bytes", len(received), SIZE)
