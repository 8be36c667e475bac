# variant: Value(ctypes.c_int, 0, lock=RLock()), a Process subclass, and value = value + 1 under the lock
import ctypes
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


class Adder(multiprocessing.Process):
    def __init__(self, counter, times):
        super().__init__()
        self.counter, self.times = counter, times

    def run(self):
        for _ in range(self.times):
            with self.counter.get_lock():
                self.counter.value = self.counter.value + 1


if __name__ == "__main__":
    counter = multiprocessing.Value(ctypes.c_int, 0, lock=multiprocessing.RLock())
    adders = [Adder(counter, 1000) for _ in range(4)]
    for adder in adders:
        adder.start()
    for adder in adders:
        adder.join()
    print("done")
    logging.info("visits: %d", counter.value)
