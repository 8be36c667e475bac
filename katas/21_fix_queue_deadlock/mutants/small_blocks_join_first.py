# mutant: the join still comes first, but the blocks are made small enough to fit in the pipe: the run ends, the bug hides
# rejected-by: test_every_block_received
# methods: fork spawn forkserver
# message: hide the deadlock
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
    producer.join()
    received = [queue.get() for _ in range(ITEMS)]
    logging.info("received %d blocks of %d bytes", len(received), 1024 * 1024)
