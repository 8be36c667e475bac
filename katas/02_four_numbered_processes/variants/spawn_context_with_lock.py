# variant: explicit get_context("spawn"); children log while holding a shared Lock, and print
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def report(lock, index):
    with lock:
        logging.info(f"process {index}")
        print(f"process {index} done", flush=True)


if __name__ == "__main__":
    ctx = multiprocessing.get_context("spawn")
    lock = ctx.Lock()
    children = []
    for index in range(4):
        child = ctx.Process(target=report, args=(lock, index))
        children.append(child)
    for child in children:
        child.start()
    for child in children:
        child.join()
