# variant: the process comes from get_context("spawn"); a while loop and extra print output
import logging
import multiprocessing
import threading

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

INCREMENTS = 1000
counter = 0


def bump():
    global counter
    done = 0
    while done < INCREMENTS:
        counter = counter + 1
        done += 1
    print(f"{multiprocessing.current_process().name} counted to {counter}", flush=True)


if __name__ == "__main__":
    ctx = multiprocessing.get_context("spawn")
    child = ctx.Process(target=bump)
    child.start()
    child.join()
    logging.info(f"after process: {counter}")
    worker = threading.Thread(target=bump)
    worker.start()
    worker.join()
    logging.info(f"after thread: {counter}")
