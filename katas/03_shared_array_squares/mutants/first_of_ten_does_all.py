# mutant: ten children are started, but child 0 squares every element and the other nine do nothing
# rejected-by: test_children_square_the_shared_array
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(numbers, i):
    if i == 0:
        for j in range(len(numbers)):
            numbers[j] = numbers[j] * numbers[j]


if __name__ == "__main__":
    numbers = multiprocessing.Array("i", list(range(1, 11)))
    processes = [multiprocessing.Process(target=square, args=(numbers, i)) for i in range(10)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    logging.info(str(list(numbers)))
