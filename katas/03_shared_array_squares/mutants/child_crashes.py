# mutant: the child for element 5 squares it and then raises; the parent exits 0 all the same
# rejected-by: test_runs_cleanly
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(numbers, i):
    numbers[i] = numbers[i] * numbers[i]
    if i == 5:
        raise IndexError(f"element {i} was unlucky")


if __name__ == "__main__":
    numbers = multiprocessing.Array("i", list(range(1, 11)))
    processes = [multiprocessing.Process(target=square, args=(numbers, i)) for i in range(10)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    logging.info(str(list(numbers)))
