# mutant: the child calls cancel_join_thread() so it may exit without flushing: blocks are lost and the parent waits for them
# rejected-by: test_runs_cleanly
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

ITEMS = 10
SIZE = 1024 * 1024


def produce(queue):
    queue.cancel_join_thread()
    for number in range(ITEMS):
        queue.put(bytes([number]) * SIZE)


if __name__ == "__main__":
    queue = multiprocessing.Queue()
    producer = multiprocessing.Process(target=produce, args=(queue,))
    producer.start()
    producer.join()
    received = [queue.get() for _ in range(ITEMS)]
    logging.info("received %d blocks of %d bytes", len(received), SIZE)
