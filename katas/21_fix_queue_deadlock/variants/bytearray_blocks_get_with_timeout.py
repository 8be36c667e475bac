# variant: bytearray blocks, taken with get(timeout=...) in a while loop, from a queue of the default context
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

ITEMS = 10
SIZE = 1024 * 1024


def produce(queue):
    for number in range(ITEMS):
        queue.put(bytearray([number]) * SIZE)


if __name__ == "__main__":
    context = multiprocessing.get_context()
    queue = context.Queue()
    producer = context.Process(target=produce, args=(queue,))
    producer.start()
    received = []
    while len(received) < ITEMS:
        received.append(queue.get(timeout=30))
    producer.join()
    logging.info("received %d blocks of %d bytes", len(received), SIZE)
