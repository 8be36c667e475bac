# mutant: no task queue: each consumer gets its share of the numbers through args
# rejected-by: test_each_number_consumed_once_by_a_child
# methods: fork spawn forkserver
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def consume(numbers, results):
    name = multiprocessing.current_process().name
    for n in numbers:
        logging.info("worker %s squared %d = %d", name, n, n * n)
        results.put(n * n)
        time.sleep(0.1)


if __name__ == "__main__":
    results = multiprocessing.Queue()
    shares = [range(1, 8), range(8, 15), range(15, 21)]
    consumers = [multiprocessing.Process(target=consume, args=(share, results)) for share in shares]
    for consumer in consumers:
        consumer.start()
    total = sum(results.get() for _ in range(20))
    for consumer in consumers:
        consumer.join()
    logging.info("total: %d", total)
