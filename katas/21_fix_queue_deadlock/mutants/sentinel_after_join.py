# mutant: a sentinel ends the blocks, but the parent still joins before it reads up to the sentinel
# rejected-by: test_runs_cleanly
# methods: fork spawn forkserver
# message: waited in join()
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
    producer.join()
    received = list(iter(queue.get, None))
    logging.info("received %d blocks of %d bytes", len(received), SIZE)
