# mutant: square() raises for 7; the exception comes back through map() and the program dies with it
# rejected-by: test_runs_cleanly
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def square(x):
    if x == 7:
        raise ArithmeticError(f"cannot square {x}")
    return x * x


if __name__ == "__main__":
    with multiprocessing.Pool(4) as pool:
        squares = pool.map(square, range(1, 11))
    logging.info(str(squares))
