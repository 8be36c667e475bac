# mutant: a ThreadPool: the downloads run in threads of the parent, not in worker processes
# rejected-by: test_pages_downloaded_in_workers
# methods: fork spawn forkserver
# message: thread
import logging
import multiprocessing
import multiprocessing.pool
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

PAGES = list(range(1, 13))


def download(page):
    time.sleep(0.2 + 0.1 * (page % 4))
    return page * 100


if __name__ == "__main__":
    pool = multiprocessing.pool.ThreadPool(4)
    for done, size in enumerate(pool.imap_unordered(download, PAGES), start=1):
        logging.info("done %d/%d: %d", done, len(PAGES), size)
    pool.close()
    pool.join()
