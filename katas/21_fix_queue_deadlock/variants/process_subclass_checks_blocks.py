# variant: a Process subclass owns the queue; the parent checks each block's first byte as it takes it, then joins
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

ITEMS = 10
SIZE = 1024 * 1024


class Producer(multiprocessing.Process):
    def __init__(self, queue):
        super().__init__(name="producer")
        self.queue = queue

    def run(self):
        for number in range(ITEMS):
            self.queue.put(bytes([number]) * SIZE)


def main():
    queue = multiprocessing.Queue()
    producer = Producer(queue)
    producer.start()
    sizes = []
    for number in range(ITEMS):
        block = queue.get()
        assert block[0] == number
        sizes.append(len(block))
    producer.join()
    logging.info("received %d blocks of %d bytes", len(sizes), sizes[0])


if __name__ == "__main__":
    main()
