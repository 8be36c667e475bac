# variant: an explicit get_context("spawn"); consumers send (n, square) pairs; extra log lines
import logging
import multiprocessing
import os
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = list(range(1, 21))


def consume(tasks, results):
    me = multiprocessing.current_process()
    logging.info("consumer %s (pid %d) starts", me.name, os.getpid())
    while (n := tasks.get()) is not None:
        logging.info("worker %s squared %d = %d", me.name, n, n * n)
        results.put(n * n)
        time.sleep(0.1)
    logging.info("consumer %s stops", me.name)


if __name__ == "__main__":
    ctx = multiprocessing.get_context("spawn")
    tasks, results = ctx.Queue(), ctx.Queue()
    consumers = [ctx.Process(target=consume, args=(tasks, results), name=f"C{i}") for i in range(3)]
    for consumer in consumers:
        consumer.start()
    for n in NUMBERS:
        tasks.put(n)
    for _ in consumers:
        tasks.put(None)
    squares = [results.get(timeout=10) for _ in range(20)]
    for consumer in consumers:
        consumer.join(timeout=10)
    logging.info("total: %d", sum(squares))
