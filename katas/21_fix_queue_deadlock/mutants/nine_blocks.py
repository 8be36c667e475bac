# mutant: an off-by-one in the child: nine blocks put, and the parent takes the nine it waits for
# rejected-by: test_every_block_received
# methods: fork spawn forkserver
# message: put 9 block(s)
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

ITEMS = 10
SIZE = 1024 * 1024


def produce(queue):
    for number in range(1, ITEMS):
        queue.put(bytes([number]) * SIZE)


if __name__ == "__main__":
    queue = multiprocessing.Queue()
    producer = multiprocessing.Process(target=produce, args=(queue,))
    producer.start()
    received = [queue.get() for _ in range(ITEMS - 1)]
    producer.join()
    logging.info("received %d blocks of %d bytes", ITEMS, SIZE)
