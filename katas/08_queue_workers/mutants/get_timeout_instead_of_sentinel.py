# mutant: no sentinels: each consumer stops when get(timeout=1) finds the queue empty
# rejected-by: test_one_sentinel_per_consumer
# methods: fork spawn forkserver
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")
import queue


def consume(tasks, results):
    name = multiprocessing.current_process().name
    while True:
        try:
            n = tasks.get(timeout=1)
        except queue.Empty:
            break
        logging.info("worker %s squared %d = %d", name, n, n * n)
        results.put(n * n)
        time.sleep(0.1)


if __name__ == "__main__":
    tasks, results = multiprocessing.Queue(), multiprocessing.Queue()
    consumers = [multiprocessing.Process(target=consume, args=(tasks, results)) for _ in range(3)]
    for consumer in consumers:
        consumer.start()
    for n in range(1, 21):
        tasks.put(n)
    total = sum(results.get() for _ in range(20))
    for consumer in consumers:
        consumer.join()
    logging.info("total: %d", total)
