# variant: a block named by the program, Process subclasses, the sums copied out before close and unlink
import logging
import multiprocessing
import os
from multiprocessing import shared_memory

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

CHILDREN = 4
SLICE = 8
NUMBERS = 1000


class SquareAdder(multiprocessing.Process):
    def __init__(self, name, index):
        super().__init__()
        self.block_name = name
        self.index = index

    def run(self):
        block = shared_memory.SharedMemory(name=self.block_name)
        share = NUMBERS // CHILDREN
        first = self.index * share + 1
        total = sum(n * n for n in range(first, first + share))
        block.buf[self.index * SLICE : (self.index + 1) * SLICE] = total.to_bytes(SLICE, "little")
        block.close()


if __name__ == "__main__":
    block = shared_memory.SharedMemory(name=f"sums_{os.getpid()}", create=True, size=CHILDREN * SLICE)
    adders = [SquareAdder(block.name, i) for i in range(CHILDREN)]
    for adder in adders:
        adder.start()
    for adder in adders:
        adder.join()
    data = bytes(block.buf)
    block.close()
    block.unlink()
    sums = [int.from_bytes(data[i * SLICE : (i + 1) * SLICE], "little") for i in range(CHILDREN)]
    logging.info("sums: %s", sums)
    logging.info("total: %d", sum(sums))
