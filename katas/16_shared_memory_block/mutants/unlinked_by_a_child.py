# mutant: the last child unlinks the block as it finishes, before the parent has read the sums
# rejected-by: test_parent_read_then_closed_and_unlinked_the_block
# methods: fork spawn forkserver
# message: the parent unlinks it
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
    if index == CHILDREN - 1:
        block.unlink()


if __name__ == "__main__":
    block = shared_memory.SharedMemory(create=True, size=CHILDREN * SLICE)
    processes = [multiprocessing.Process(target=add_squares, args=(block.name, i)) for i in range(CHILDREN)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    sums = [int.from_bytes(block.buf[i * SLICE : (i + 1) * SLICE], "little") for i in range(CHILDREN)]
    logging.info("sums: %s", sums)
    logging.info("total: %d", sum(sums))
    block.close()
