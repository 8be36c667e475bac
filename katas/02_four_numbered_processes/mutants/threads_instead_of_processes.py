# mutant: four threading.Thread objects are used, so every line comes from the parent process
# rejected-by: test_each_line_from_its_own_child
# methods: fork spawn forkserver
import logging
import threading

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def log_number(n):
    logging.info(f"process {n}")


if __name__ == "__main__":
    threads = [threading.Thread(target=log_number, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
