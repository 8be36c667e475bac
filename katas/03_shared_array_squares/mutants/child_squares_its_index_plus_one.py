# mutant: each child writes (i + 1) squared, never reading the element it was given; with 1..10 that looks right
# rejected-by: test_children_square_the_numbers_they_find
# methods: fork spawn forkserver
# message: Run again with NUMBERS = [6, 2, 9, 11, 3, 8, 12, 5, 10, 7]
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = list(range(1, 11))


def square_element(numbers, i):
    numbers[i] = (i + 1) ** 2


if __name__ == "__main__":
    numbers = multiprocessing.Array("i", NUMBERS)
    processes = [multiprocessing.Process(target=square_element, args=(numbers, i)) for i in range(10)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    logging.info("%s", list(numbers))
