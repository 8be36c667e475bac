# mutant: the Event is a module global the workers use; a spawned child re-imports the file and waits on its own new Event
# rejected-by: test_runs_cleanly
# message: not by the parent: an Event or Barrier created at module level
# methods: spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

go = multiprocessing.Event()


def worker(n):
    go.wait()
    logging.info("worker %d working", n)


if __name__ == "__main__":
    workers = [multiprocessing.Process(target=worker, args=(n,)) for n in range(4)]
    for process in workers:
        process.start()
    go.set()
    for process in workers:
        process.join()
    logging.info("all workers done")
