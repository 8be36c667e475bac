# variant: the child puts a None sentinel after the blocks; the parent reads up to it, then joins
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

ITEMS = 10
SIZE = 1024 * 1024


def produce(queue):
    for number in range(ITEMS):
        queue.put(bytes([number]) * SIZE)
    queue.put(None)


if __name__ == "__main__":
    queue = multiprocessing.Queue()
    producer = multiprocessing.Process(target=produce, args=(queue,))
    producer.start()
    received = list(iter(queue.get, None))
    producer.join()
    logging.info("received %d blocks of %d bytes", len(received), SIZE)
