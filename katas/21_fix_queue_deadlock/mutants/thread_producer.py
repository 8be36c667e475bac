# mutant: a thread puts the blocks instead of a child process: no deadlock, and no process either
# rejected-by: test_every_block_received
# methods: fork spawn forkserver
import logging
import multiprocessing
import threading

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

ITEMS = 10
SIZE = 1024 * 1024


def produce(queue):
    for number in range(ITEMS):
        queue.put(bytes([number]) * SIZE)


if __name__ == "__main__":
    queue = multiprocessing.Queue()
    producer = threading.Thread(target=produce, args=(queue,))
    producer.start()
    producer.join()
    received = [queue.get() for _ in range(ITEMS)]
    logging.info("received %d blocks of %d bytes", len(received), SIZE)
