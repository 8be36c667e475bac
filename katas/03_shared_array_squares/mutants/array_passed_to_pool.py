# mutant: the Array goes to Pool workers as a task argument, which multiprocessing refuses
# rejected-by: test_runs_cleanly
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(numbers, i):
    numbers[i] = numbers[i] * numbers[i]


if __name__ == "__main__":
    numbers = multiprocessing.Array("i", list(range(1, 11)))
    with multiprocessing.Pool(4) as pool:
        pool.starmap(square, [(numbers, i) for i in range(10)])
    logging.info(str(list(numbers)))
