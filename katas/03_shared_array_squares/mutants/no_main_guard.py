# mutant: no __main__ guard; under spawn and forkserver every child re-runs the module and fails
# rejected-by: test_runs_cleanly
# methods: spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(numbers, i):
    numbers[i] = numbers[i] * numbers[i]


numbers = multiprocessing.Array("i", list(range(1, 11)))
processes = [multiprocessing.Process(target=square, args=(numbers, i)) for i in range(10)]
for process in processes:
    process.start()
for process in processes:
    process.join()
logging.info(str(list(numbers)))
