# mutant: join(timeout=0.5) before draining, which gives up on a child that cannot exit yet, and no join after
# rejected-by: test_joined_after_the_last_get
# methods: fork spawn forkserver
import logging
import multiprocessing

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
    producer.join(timeout=0.5)
    received = [queue.get() for _ in range(ITEMS)]
    logging.info("received %d blocks of %d bytes", len(received), SIZE)
