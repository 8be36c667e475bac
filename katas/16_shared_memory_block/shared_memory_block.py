"""Kata 16: partial sums in a shared memory block. Read README.md for the task."""

import logging
import multiprocessing
from multiprocessing import shared_memory

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

CHILDREN = 4
SLICE = 8  # bytes per child: one sum, as an 8-byte little-endian integer
NUMBERS = 1000


def add_squares(name, index):
    """Run in each child: attach to the block by name, write the sum of the squares of your quarter
    of 1..1000 into bytes [index * SLICE, (index + 1) * SLICE), then close the block."""
    pass  # TODO


if __name__ == "__main__":
    # TODO: create block = shared_memory.SharedMemory(create=True, size=CHILDREN * SLICE).
    # TODO: start 4 processes running add_squares(block.name, index), join them all.
    # TODO: read the 4 sums from the block, log "sums: [...]" and "total: <their sum>".
    # TODO: close the block, then unlink it.
    pass
