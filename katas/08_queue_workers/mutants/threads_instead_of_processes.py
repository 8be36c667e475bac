# mutant: three threading.Thread consumers share the parent's process; no child process is made
# rejected-by: test_each_number_consumed_once_by_a_child
# methods: fork spawn forkserver
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")
import threading


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
    consumers = [threading.Thread(target=consume, args=(tasks, results)) for _ in range(3)]
    for consumer in consumers:
        consumer.start()
    for n in range(1, 21):
        tasks.put(n)
    for _ in consumers:
        tasks.put(None)
    total = sum(results.get() for _ in range(20))
    for consumer in consumers:
        consumer.join()
    logging.info("total: %d", total)
