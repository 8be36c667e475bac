# mutant: the target is nested inside main(), so it cannot be pickled for spawn or forkserver
# rejected-by: test_runs_cleanly
# methods: spawn forkserver
import logging
import multiprocessing
import os

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def main():
    def say_hello():
        logging.info(f"hello from process {os.getpid()}")

    process = multiprocessing.Process(target=say_hello)
    process.start()
    process.join()
    logging.info(f"child exited with code {process.exitcode}")


if __name__ == "__main__":
    main()
