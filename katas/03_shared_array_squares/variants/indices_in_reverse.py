# variant: the children are made and started in reverse index order and receive the index by keyword
import logging
from multiprocessing import Array, Process

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = list(range(1, 11))


def square(values, i):
    values[i] *= values[i]


if __name__ == "__main__":
    values = Array("i", NUMBERS)
    children = [
        Process(target=square, args=(values,), kwargs={"i": i}) for i in reversed(range(10))
    ]
    for child in children:
        child.start()
    for child in children:
        child.join()
    logging.info(str([values[i] for i in range(10)]))
