# mutant: map_async() is used and the AsyncResult object is logged instead of its value
# rejected-by: test_log_file
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(x):
    return x * x


if __name__ == "__main__":
    with multiprocessing.Pool(4) as pool:
        squares = pool.map_async(square, range(1, 11))
        squares.wait(timeout=30)
    logging.info(str(squares))
