# mutant: a single child squares all ten elements of the shared Array
# rejected-by: test_children_square_the_shared_array
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square_all(numbers):
    for i in range(len(numbers)):
        numbers[i] = numbers[i] * numbers[i]


if __name__ == "__main__":
    numbers = multiprocessing.Array("i", list(range(1, 11)))
    process = multiprocessing.Process(target=square_all, args=(numbers,))
    process.start()
    process.join()
    logging.info(str(list(numbers)))
