# mutant: the parent polls the Array until it looks squared and logs it before joining the children
# rejected-by: test_all_joined_before_logging
# methods: fork spawn forkserver
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

SQUARES = [n * n for n in range(1, 11)]


def square(numbers, i):
    numbers[i] = numbers[i] * numbers[i]


if __name__ == "__main__":
    numbers = multiprocessing.Array("i", list(range(1, 11)))
    processes = [multiprocessing.Process(target=square, args=(numbers, i)) for i in range(10)]
    for process in processes:
        process.start()
    while list(numbers) != SQUARES:
        time.sleep(0.01)
    logging.info(str(list(numbers)))
    for process in processes:
        process.join()
