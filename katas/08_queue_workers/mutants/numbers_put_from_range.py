# mutant: NUMBERS is set, but the producer puts 1 to 20 from a range of its own
# rejected-by: test_squares_and_total_follow_the_numbers
# methods: fork spawn forkserver
# message: Run again with NUMBERS = [3, 14, 15
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
    for n in range(1, 21):
        tasks.put(n)
    for _ in consumers:
        tasks.put(None)
    total = sum(results.get() for _ in range(20))
    for consumer in consumers:
        consumer.join()
    logging.info("total: %d", total)
