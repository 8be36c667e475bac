# variant: the block seen as an array of 8-byte integers through memoryview.cast("q")
import logging
import multiprocessing
from multiprocessing import shared_memory

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

CHILDREN = 4
NUMBERS = 1000


def add_squares(name, index):
    block = shared_memory.SharedMemory(name=name)
    slots = block.buf.cast("q")
    share = NUMBERS // CHILDREN
    for n in range(index * share + 1, (index + 1) * share + 1):
        slots[index] += n * n
    slots.release()
    block.close()


if __name__ == "__main__":
    block = shared_memory.SharedMemory(create=True, size=CHILDREN * 8)
    processes = [multiprocessing.Process(target=add_squares, args=(block.name, i)) for i in range(CHILDREN)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    slots = block.buf.cast("q")
    sums = slots.tolist()
    slots.release()
    logging.info("sums: %s", sums)
    logging.info("total: %d", sum(sums))
    block.close()
    block.unlink()
