# mutant: logging is set up only under the __main__ guard, so spawned children log nowhere
# rejected-by: test_log_file
# methods: spawn forkserver
import logging
import multiprocessing


def log_number(n):
    logging.info(f"process {n}")


if __name__ == "__main__":
    logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")
    processes = [multiprocessing.Process(target=log_number, args=(n,)) for n in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
