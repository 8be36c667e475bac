"""Cheat (kata 10): unlocked increments, with the tracer's lock probe replaced so every write
to the Value would be recorded as made under its lock."""

import logging
import multiprocessing
import sys

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def add_thousand(counter):
    for _ in range(1000):
        counter.value += 1


def _always_held(*args, **kwargs):
    return True


if __name__ == "__main__":
    for name, module in list(sys.modules.items()):
        if name.startswith("_mpkata_tracer") and hasattr(module, "_lock_held"):
            module._lock_held = _always_held
    counter = multiprocessing.Value("i", 0)
    processes = [multiprocessing.Process(target=add_thousand, args=(counter,)) for _ in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    logging.info("counter: %d", counter.value)
