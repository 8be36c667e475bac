# mutant: the children square the shared array, but the parent logs the list of squares written by hand
# rejected-by: test_children_square_the_numbers_they_find
# methods: fork spawn forkserver
# message: exactly what the stated input gives
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = list(range(1, 11))


def square_element(numbers, i):
    numbers[i] = numbers[i] ** 2


if __name__ == "__main__":
    numbers = multiprocessing.Array("i", NUMBERS)
    processes = [multiprocessing.Process(target=square_element, args=(numbers, i)) for i in range(10)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    logging.info("[1, 4, 9, 16, 25, 36, 49, 64, 81, 100]")
