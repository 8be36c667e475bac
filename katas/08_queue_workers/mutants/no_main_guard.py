# mutant: no __main__ guard; under spawn and forkserver each consumer re-runs the module and fails
# rejected-by: test_runs_cleanly
# methods: spawn forkserver
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def consume(tasks, results):
    name = multiprocessing.current_process().name
    while True:
        n = tasks.get()
        if n is None:
            break
        logging.info("worker %s squared %d = %d", name, n, n * n)
        results.put(n * n)
        time.sleep(0.1)


tasks, results = multiprocessing.Queue(), multiprocessing.Queue()
consumers = [multiprocessing.Process(target=consume, args=(tasks, results)) for _ in range(3)]
for consumer in consumers:
    consumer.start()
for n in range(1, 21):
    tasks.put(n)
for _ in consumers:
    tasks.put(None)
total = sum(results.get() for _ in range(20))
for consumer in consumers:
    consumer.join()
logging.info("total: %d", total)
