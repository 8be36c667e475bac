# mutant: the children do nothing; the parent squares every element of the shared Array itself
# rejected-by: test_children_square_the_shared_array
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def do_nothing(numbers, i):
    pass


if __name__ == "__main__":
    numbers = multiprocessing.Array("i", list(range(1, 11)))
    processes = [multiprocessing.Process(target=do_nothing, args=(numbers, i)) for i in range(10)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    for i in range(10):
        numbers[i] = numbers[i] * numbers[i]
    logging.info(str(list(numbers)))
