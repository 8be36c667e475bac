# mutant: no block, no child: the parent computes the sums and logs the expected lines
# rejected-by: test_each_child_wrote_its_own_slice
# methods: fork spawn forkserver
import logging
import multiprocessing
from multiprocessing import shared_memory

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

CHILDREN = 4
SLICE = 8  # bytes per child: one sum, as an 8-byte little-endian integer
NUMBERS = 1000


def add_squares(name, index):
    block = shared_memory.SharedMemory(name=name)
    share = NUMBERS // CHILDREN
    total = sum(n * n for n in range(index * share + 1, (index + 1) * share + 1))
    block.buf[index * SLICE : (index + 1) * SLICE] = total.to_bytes(SLICE, "little")
    block.close()


if __name__ == "__main__":
    share = NUMBERS // CHILDREN
    sums = [sum(n * n for n in range(i * share + 1, (i + 1) * share + 1)) for i in range(CHILDREN)]
    logging.info("sums: %s", sums)
    logging.info("total: %d", sum(sums))
