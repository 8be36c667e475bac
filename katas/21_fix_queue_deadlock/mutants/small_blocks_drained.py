# mutant: drained before the join, but with blocks of 1 KiB: the statement fixes 1 MiB, the size that shows the bug
# rejected-by: test_every_block_received
# methods: fork spawn forkserver
# message: 1024 bytes or less
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

ITEMS = 10
SIZE = 1024


def produce(queue):
    for number in range(ITEMS):
        queue.put(bytes([number]) * SIZE)


if __name__ == "__main__":
    queue = multiprocessing.Queue()
    producer = multiprocessing.Process(target=produce, args=(queue,))
    producer.start()
    received = [queue.get() for _ in range(ITEMS)]
    producer.join()
    logging.info("received %d blocks of %d bytes", len(received), 1024 * 1024)
