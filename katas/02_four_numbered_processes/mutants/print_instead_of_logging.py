# mutant: the children print their lines instead of logging them
# rejected-by: test_log_file
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def print_number(n):
    print(f"process {n}", flush=True)


if __name__ == "__main__":
    processes = [multiprocessing.Process(target=print_number, args=(n,)) for n in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
