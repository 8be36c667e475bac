# mutant: no __main__ guard; under spawn and forkserver the child re-runs the module and fails
# rejected-by: test_runs_cleanly
# methods: spawn forkserver
import logging
import multiprocessing
import os

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def say_hello():
    logging.info(f"hello from process {os.getpid()}")


process = multiprocessing.Process(target=say_hello)
process.start()
process.join()
logging.info(f"child exited with code {process.exitcode}")
