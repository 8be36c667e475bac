# variant: next() on the iterator in a while loop until StopIteration, from get_context()
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

PAGES = list(range(1, 13))


def download(page):
    time.sleep(0.2 + 0.1 * (page % 4))
    return page * 100


if __name__ == "__main__":
    pool = multiprocessing.get_context().Pool(4)
    results = pool.imap_unordered(download, PAGES)
    done = 0
    while True:
        try:
            size = next(results)
        except StopIteration:
            break
        done += 1
        logging.info("done %d/%d: %d", done, len(PAGES), size)
    pool.close()
    pool.join()
