# variant: a JoinableQueue with task_done(); the parent waits on tasks.join() before collecting
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = list(range(1, 21))


def consume(tasks, results):
    name = multiprocessing.current_process().name
    while True:
        n = tasks.get()
        try:
            if n is None:
                return
            logging.info(f"worker {name} squared {n} = {n * n}")
            results.put(n * n)
            time.sleep(0.1)
        finally:
            tasks.task_done()


if __name__ == "__main__":
    tasks, results = multiprocessing.JoinableQueue(), multiprocessing.Queue()
    consumers = [multiprocessing.Process(target=consume, args=(tasks, results)) for _ in range(3)]
    for consumer in consumers:
        consumer.start()
    for n in NUMBERS:
        tasks.put(n)
    for _ in range(3):
        tasks.put(None)
    tasks.join()
    squares = [results.get(timeout=5) for _ in range(20)]
    for consumer in consumers:
        consumer.join(timeout=5)
    logging.info("total: %d", sum(squares))
