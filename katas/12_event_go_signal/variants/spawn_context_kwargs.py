# variant: an explicit get_context("spawn"): the Event comes from that context, made under __main__ and passed by keyword
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def worker(n, go):
    go.wait()
    logging.info("worker %d working", n)


def main():
    context = multiprocessing.get_context("spawn")
    go = context.Event()
    workers = [context.Process(target=worker, kwargs={"n": n, "go": go}) for n in range(4)]
    for process in workers:
        process.start()
    go.set()
    for process in workers:
        process.join()
    logging.info("all workers done")


if __name__ == "__main__":
    main()
