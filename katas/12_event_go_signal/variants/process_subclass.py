# variant: a Process subclass that keeps its number and the Event as attributes; the parent logs an extra line
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


class Worker(multiprocessing.Process):
    def __init__(self, n, go):
        super().__init__()
        self.n = n
        self.go = go

    def run(self):
        self.go.wait()
        logging.info("worker %d working", self.n)


if __name__ == "__main__":
    go = multiprocessing.Event()
    workers = [Worker(n, go) for n in range(4)]
    for process in workers:
        process.start()
    logging.info("all %d workers started: go", len(workers))
    go.set()
    for process in workers:
        process.join()
    logging.info("all workers done")
