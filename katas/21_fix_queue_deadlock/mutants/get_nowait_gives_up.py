# mutant: the parent tries get_nowait() before joining, gives up at the first empty queue, and joins
# rejected-by: test_runs_cleanly
# methods: fork spawn forkserver
# message: waited in join()
import logging
import multiprocessing
import queue as queues

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
    received = []
    while len(received) < ITEMS:
        try:
            received.append(queue.get_nowait())
        except queues.Empty:
            break
    producer.join()
    received += [queue.get() for _ in range(ITEMS - len(received))]
    logging.info("received %d blocks of %d bytes", len(received), SIZE)
