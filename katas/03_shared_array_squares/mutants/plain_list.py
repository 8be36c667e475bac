# mutant: a plain list is used instead of multiprocessing.Array, so each child squares its own copy
# rejected-by: test_log_file
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(numbers, i):
    numbers[i] = numbers[i] * numbers[i]


if __name__ == "__main__":
    numbers = list(range(1, 11))
    processes = [multiprocessing.Process(target=square, args=(numbers, i)) for i in range(10)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    logging.info(str(numbers))
