# variant: a pool from get_context("spawn"), closed and joined in a finally block; prints too
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = list(range(1, 11))


def times_ten(x):
    return x * 10


def main():
    pool = multiprocessing.get_context("spawn").Pool(5)
    try:
        results = pool.map(times_ten, NUMBERS)
        print("mapped", results)
    finally:
        pool.close()
        pool.join()
    logging.info(str(results))


if __name__ == "__main__":
    main()
