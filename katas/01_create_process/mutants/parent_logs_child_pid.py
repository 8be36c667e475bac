# mutant: the child does nothing; the parent logs the hello line itself with the child's real pid
# rejected-by: test_work_in_child_process
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def do_nothing():
    pass


if __name__ == "__main__":
    process = multiprocessing.Process(target=do_nothing)
    process.start()
    logging.info(f"hello from process {process.pid}")
    process.join()
    logging.info(f"child exited with code {process.exitcode}")
