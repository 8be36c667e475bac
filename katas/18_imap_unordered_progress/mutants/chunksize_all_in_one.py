# mutant: chunksize=12: the first worker free takes every page, the other three idle
# rejected-by: test_work_spread_over_workers
# methods: fork spawn forkserver
# message: ran in one worker process
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
    for done, size in enumerate(pool.imap_unordered(download, PAGES, chunksize=len(PAGES)), start=1):
        logging.info("done %d/%d: %d", done, len(PAGES), size)
    pool.close()
    pool.join()
