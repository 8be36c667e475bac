# variant: the number is passed with kwargs= instead of args=
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def log_number(n):
    logging.info(f"process {n}")


if __name__ == "__main__":
    processes = [multiprocessing.Process(target=log_number, kwargs={"n": n}) for n in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
