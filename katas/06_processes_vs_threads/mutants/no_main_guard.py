# mutant: no __main__ guard; under spawn and forkserver the child re-runs the module and fails
# rejected-by: test_runs_cleanly
# methods: spawn forkserver
import logging
import multiprocessing
import threading

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

counter = 0


def add_thousand():
    global counter
    for _ in range(1000):
        counter += 1


process = multiprocessing.Process(target=add_thousand)
process.start()
process.join()
logging.info(f"after process: {counter}")
thread = threading.Thread(target=add_thousand)
thread.start()
thread.join()
logging.info(f"after thread: {counter}")
