# variant: get_context(), one apply_async() per value, close() then join(), then get() each
import logging
from multiprocessing import get_context

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = list(range(1, 11))


def times_ten(x):
    return x * 10


if __name__ == "__main__":
    pool = get_context().Pool(5)
    pending = [pool.apply_async(times_ten, (x,)) for x in NUMBERS]
    pool.close()
    pool.join()
    logging.info(str([p.get() for p in pending]))
