# mutant: after the children, the parent squares element 0 once more (1 * 1 hides it in the log)
# rejected-by: test_children_square_the_shared_array
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(numbers, i):
    numbers[i] = numbers[i] * numbers[i]


if __name__ == "__main__":
    numbers = multiprocessing.Array("i", list(range(1, 11)))
    processes = [multiprocessing.Process(target=square, args=(numbers, i)) for i in range(10)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    square(numbers, 0)
    logging.info(str(list(numbers)))
