# mutant: the children send their squares on a Queue and the parent writes them into the Array
# rejected-by: test_children_square_the_shared_array
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(numbers, i, results):
    results.put((i, numbers[i] * numbers[i]))


if __name__ == "__main__":
    numbers = multiprocessing.Array("i", list(range(1, 11)))
    results = multiprocessing.Queue()
    processes = [
        multiprocessing.Process(target=square, args=(numbers, i, results)) for i in range(10)
    ]
    for process in processes:
        process.start()
    for _ in range(10):
        i, value = results.get(timeout=30)
        numbers[i] = value
    for process in processes:
        process.join()
    logging.info(str(list(numbers)))
