# mutant: a plain bytearray passed to the children: each writes into its own copy, the parent reads zeros
# rejected-by: test_each_child_wrote_its_own_slice
# methods: fork spawn forkserver
import logging
import multiprocessing
from multiprocessing import shared_memory

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

CHILDREN = 4
SLICE = 8  # bytes per child: one sum, as an 8-byte little-endian integer
NUMBERS = 1000


def add_squares(buf, index):
    share = NUMBERS // CHILDREN
    total = sum(n * n for n in range(index * share + 1, (index + 1) * share + 1))
    buf[index * SLICE : (index + 1) * SLICE] = total.to_bytes(SLICE, "little")


if __name__ == "__main__":
    buf = bytearray(CHILDREN * SLICE)
    processes = [multiprocessing.Process(target=add_squares, args=(buf, i)) for i in range(CHILDREN)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    sums = [int.from_bytes(buf[i * SLICE : (i + 1) * SLICE], "little") for i in range(CHILDREN)]
    logging.info("sums: %s", sums)
    logging.info("total: %d", sum(sums))
