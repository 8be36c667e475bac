# mutant: the parent takes the first five numbers back off the task queue and squares them itself
# rejected-by: test_each_number_consumed_once_by_a_child
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
    total = 0
    for _ in range(5):
        n = tasks.get()
        logging.info("worker %s squared %d = %d", "MainProcess", n, n * n)
        total += n * n
    consumers = [multiprocessing.Process(target=consume, args=(tasks, results)) for _ in range(3)]
    for consumer in consumers:
        consumer.start()
    for _ in consumers:
        tasks.put(None)
    total += sum(results.get() for _ in range(15))
    for consumer in consumers:
        consumer.join()
    logging.info("total: %d", total)
