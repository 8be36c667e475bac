# mutant: an eleventh child squares element 0 a second time (1 * 1 hides it in the log)
# rejected-by: test_children_square_the_shared_array
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(numbers, i):
    with numbers.get_lock():
        numbers[i] = numbers[i] * numbers[i]


if __name__ == "__main__":
    numbers = multiprocessing.Array("i", list(range(1, 11)))
    processes = [multiprocessing.Process(target=square, args=(numbers, i)) for i in [*range(10), 0]]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    logging.info(str(list(numbers)))
