# mutant: no __main__ guard; under spawn and forkserver each child re-runs the module and fails
# rejected-by: test_runs_cleanly
# methods: spawn forkserver
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
block.unlink()
