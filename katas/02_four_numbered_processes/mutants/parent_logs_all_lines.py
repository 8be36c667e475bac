# mutant: four children are started and joined but do nothing; the parent logs all four lines itself
# rejected-by: test_each_line_from_its_own_child
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def do_nothing(n):
    pass


if __name__ == "__main__":
    processes = [multiprocessing.Process(target=do_nothing, args=(n,)) for n in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    for n in range(4):
        logging.info(f"process {n}")
