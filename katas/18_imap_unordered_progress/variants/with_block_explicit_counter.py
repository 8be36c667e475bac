# variant: a with block around the loop, and a counter kept by hand
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

PAGES = list(range(1, 13))


def download(page):
    time.sleep(0.2 + 0.1 * (page % 4))
    return page * 100


if __name__ == "__main__":
    done = 0
    with multiprocessing.Pool(processes=4) as pool:
        for size in pool.imap_unordered(download, PAGES):
            done += 1
            logging.info(f"done {done}/{len(PAGES)}: {size}")
