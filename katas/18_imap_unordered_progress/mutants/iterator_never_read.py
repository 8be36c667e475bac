# mutant: the iterator is made but never read; the pool is closed and joined right away
# rejected-by: test_results_read_as_they_complete
# methods: fork spawn forkserver
# message: never read a result
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

PAGES = list(range(1, 13))


def download(page):
    time.sleep(0.2 + 0.1 * (page % 4))
    return page * 100


if __name__ == "__main__":
    pool = multiprocessing.Pool(4)
    sizes = pool.imap_unordered(download, PAGES)
    logging.info("submitted %d pages", len(PAGES))
    pool.close()
    pool.join()
