# mutant: five separate Process objects share the work through queues instead of a pool
# rejected-by: test_pool_of_five_workers
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def times_ten_worker(tasks, results):
    for x in iter(tasks.get, None):
        results.put((x, x * 10))


if __name__ == "__main__":
    tasks, results = multiprocessing.Queue(), multiprocessing.Queue()
    workers = [
        multiprocessing.Process(target=times_ten_worker, args=(tasks, results)) for _ in range(5)
    ]
    for worker in workers:
        worker.start()
    for x in range(1, 11):
        tasks.put(x)
    for _ in workers:
        tasks.put(None)
    collected = dict(results.get(timeout=30) for _ in range(10))
    for worker in workers:
        worker.join()
    logging.info(str([collected[x] for x in range(1, 11)]))
