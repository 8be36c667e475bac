# variant: the default context's Semaphore, passed through kwargs; the parent joins in reverse order
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def work(number, *, slots):
    with slots:
        logging.info("worker %d working", number)
        time.sleep(0.5)


def main():
    context = multiprocessing.get_context()
    slots = context.Semaphore(value=2)
    workers = []
    for n in range(6):
        worker = context.Process(target=work, args=(n,), kwargs={"slots": slots})
        worker.start()
        workers.append(worker)
    for worker in reversed(workers):
        worker.join()
    logging.info("all workers done")


if __name__ == "__main__":
    main()
