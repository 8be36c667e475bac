# mutant: deadlock: each child waits on a Barrier for five parties but only four children exist
# rejected-by: test_runs_cleanly
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def log_number(n, barrier):
    logging.info(f"process {n}")
    barrier.wait()


if __name__ == "__main__":
    barrier = multiprocessing.Barrier(5)
    processes = [multiprocessing.Process(target=log_number, args=(n, barrier)) for n in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
