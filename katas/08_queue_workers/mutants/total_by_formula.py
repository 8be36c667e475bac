# mutant: the consumers do the work, but the parent logs the total of 1..20 from a formula, not the squares it took
# rejected-by: test_squares_and_total_follow_the_numbers
# methods: fork spawn forkserver
# message: exactly what the stated input gives
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = list(range(1, 21))

CONSUMERS = 3


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
    consumers = [multiprocessing.Process(target=consume, args=(tasks, results)) for _ in range(CONSUMERS)]
    for consumer in consumers:
        consumer.start()
    for n in NUMBERS:
        tasks.put(n)
    for _ in consumers:
        tasks.put(None)
    squares = [results.get() for _ in range(len(NUMBERS))]
    for consumer in consumers:
        consumer.join()
    total = 20 * 21 * 41 // 6  # the sum of the squares of 1 to 20, known in advance
    logging.info("total: %d", total)
