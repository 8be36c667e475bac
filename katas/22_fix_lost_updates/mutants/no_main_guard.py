# mutant: no __main__ guard; under spawn and forkserver each child re-runs the module and fails
# rejected-by: test_runs_cleanly
# methods: spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def record_visits(counter):
    for _ in range(1000):
        with counter.get_lock():
            counter.value += 1


counter = multiprocessing.Value("i", 0)
processes = [multiprocessing.Process(target=record_visits, args=(counter,)) for _ in range(4)]
for process in processes:
    process.start()
for process in processes:
    process.join()
logging.info("visits: %d", counter.value)
