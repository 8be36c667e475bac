# mutant: the children attach and let go; the parent computes and writes every sum itself
# rejected-by: test_each_child_wrote_its_own_slice
# methods: fork spawn forkserver
# message: the parent
import logging
import multiprocessing
from multiprocessing import shared_memory

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

CHILDREN = 4
SLICE = 8  # bytes per child: one sum, as an 8-byte little-endian integer
NUMBERS = 1000


def add_squares(name, index):
    block = shared_memory.SharedMemory(name=name)
    block.close()


if __name__ == "__main__":
    block = shared_memory.SharedMemory(create=True, size=CHILDREN * SLICE)
    processes = [multiprocessing.Process(target=add_squares, args=(block.name, i)) for i in range(CHILDREN)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    share = NUMBERS // CHILDREN
    for i in range(CHILDREN):
        total = sum(n * n for n in range(i * share + 1, (i + 1) * share + 1))
        block.buf[i * SLICE : (i + 1) * SLICE] = total.to_bytes(SLICE, "little")
    sums = [int.from_bytes(block.buf[i * SLICE : (i + 1) * SLICE], "little") for i in range(CHILDREN)]
    logging.info("sums: %s", sums)
    logging.info("total: %d", sum(sums))
    block.close()
    block.unlink()
