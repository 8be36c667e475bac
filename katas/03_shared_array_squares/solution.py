"""Share an array between processes: ten children each square one element in place."""

import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = list(range(1, 11))


def square_element(numbers, i):
    numbers[i] = numbers[i] ** 2


if __name__ == "__main__":
    numbers = multiprocessing.Array("i", NUMBERS)
    processes = [
        multiprocessing.Process(target=square_element, args=(numbers, i))
        for i in range(len(numbers))
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    logging.info("%s", list(numbers))
