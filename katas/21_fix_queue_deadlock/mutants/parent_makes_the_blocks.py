# mutant: the child is started with the queue but puts nothing; the parent makes the blocks itself and logs
# rejected-by: test_every_block_received
# methods: fork spawn forkserver
# message: No child put
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

ITEMS = 10
SIZE = 1024 * 1024


def produce(queue):
    pass


if __name__ == "__main__":
    queue = multiprocessing.Queue()
    producer = multiprocessing.Process(target=produce, args=(queue,))
    producer.start()
    producer.join()
    received = [bytes([number]) * SIZE for number in range(ITEMS)]
    logging.info("received %d blocks of %d bytes", len(received), SIZE)
