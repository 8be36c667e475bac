# variant: a Process subclass holds the shared Array and its index and squares the element in run()
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = list(range(1, 11))


class Squarer(multiprocessing.Process):
    def __init__(self, numbers, index):
        super().__init__()
        self.numbers = numbers
        self.index = index

    def run(self):
        value = self.numbers[self.index]
        self.numbers[self.index] = value * value


if __name__ == "__main__":
    numbers = multiprocessing.Array("i", NUMBERS)
    squarers = [Squarer(numbers, i) for i in range(10)]
    for squarer in squarers:
        squarer.start()
    for squarer in squarers:
        squarer.join()
    logging.info(f"{list(numbers)}")
