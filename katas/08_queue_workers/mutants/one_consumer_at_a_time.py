# mutant: each consumer is started and joined before the next, so the first one takes every number
# rejected-by: test_three_consumers_did_work
# methods: fork spawn forkserver
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def consume(tasks, results):
    name = multiprocessing.current_process().name
    while True:
        n = tasks.get()
        if n is None:
            break
        logging.info("worker %s squared %d = %d", name, n, n * n)
        results.put(n * n)
        time.sleep(0.1)


if __name__ == "__main__":
    tasks, results = multiprocessing.Queue(), multiprocessing.Queue()
    for n in range(1, 21):
        tasks.put(n)
    for _ in range(3):
        tasks.put(None)
    for _ in range(3):
        consumer = multiprocessing.Process(target=consume, args=(tasks, results))
        consumer.start()
        consumer.join()
    total = sum(results.get() for _ in range(20))
    logging.info("total: %d", total)
