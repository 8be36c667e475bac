# mutant: no __main__ guard; under spawn and forkserver every child re-runs the module and fails
# rejected-by: test_runs_cleanly
# methods: spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def log_number(n):
    logging.info(f"process {n}")


processes = [multiprocessing.Process(target=log_number, args=(n,)) for n in range(4)]
for process in processes:
    process.start()
for process in processes:
    process.join()
