# variant: get_context("spawn"), struct.pack_into/unpack_from, the block unlinked in a finally clause
import logging
import multiprocessing
import struct
from multiprocessing import shared_memory

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

CHILDREN = 4
SLICE = 8
NUMBERS = 1000


def add_squares(name, index):
    block = shared_memory.SharedMemory(name=name)
    try:
        share = NUMBERS // CHILDREN
        numbers = range(index * share + 1, (index + 1) * share + 1)
        struct.pack_into("<q", block.buf, index * SLICE, sum(n * n for n in numbers))
    finally:
        block.close()


if __name__ == "__main__":
    ctx = multiprocessing.get_context("spawn")
    block = shared_memory.SharedMemory(create=True, size=CHILDREN * SLICE)
    try:
        workers = [ctx.Process(target=add_squares, args=(block.name, i)) for i in range(CHILDREN)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=10)
        sums = [struct.unpack_from("<q", block.buf, i * SLICE)[0] for i in range(CHILDREN)]
        logging.info(f"sums: {sums}")
        logging.info(f"total: {sum(sums)}")
    finally:
        block.close()
        block.unlink()
