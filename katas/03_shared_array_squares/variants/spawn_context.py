# variant: Array and processes from an explicit get_context("spawn"); extra print output
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = list(range(1, 11))


def square(shared, position):
    shared[position] = shared[position] * shared[position]
    print(f"squared position {position}", flush=True)


if __name__ == "__main__":
    ctx = multiprocessing.get_context("spawn")
    shared = ctx.Array("i", NUMBERS)
    processes = [ctx.Process(target=square, args=(shared, position)) for position in range(10)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    print("all joined")
    logging.info(str(list(shared)))
