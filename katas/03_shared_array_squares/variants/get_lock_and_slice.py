# variant: each child squares under the Array's own lock; the parent logs the slice arr[:]
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = list(range(1, 11))


def square_in_place(arr, index):
    with arr.get_lock():
        arr[index] = arr[index] ** 2


if __name__ == "__main__":
    arr = multiprocessing.Array("i", NUMBERS)
    workers = []
    for index in range(len(arr)):
        worker = multiprocessing.Process(target=square_in_place, args=(arr, index))
        worker.start()
        workers.append(worker)
    for worker in workers:
        worker.join()
    logging.info(str(arr[:]))
