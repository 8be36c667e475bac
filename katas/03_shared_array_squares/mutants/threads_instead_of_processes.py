# mutant: ten threading.Thread objects square the Array, so no child process does the work
# rejected-by: test_children_square_the_shared_array
# methods: fork spawn forkserver
import logging
import multiprocessing
import threading

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(numbers, i):
    numbers[i] = numbers[i] * numbers[i]


if __name__ == "__main__":
    numbers = multiprocessing.Array("i", list(range(1, 11)))
    threads = [threading.Thread(target=square, args=(numbers, i)) for i in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    logging.info(str(list(numbers)))
