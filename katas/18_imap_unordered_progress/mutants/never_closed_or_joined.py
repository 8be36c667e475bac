# mutant: the pool is read to the end but never closed or joined: it is left for the interpreter's exit to end
# rejected-by: test_pool_shut_down
# methods: fork spawn forkserver
# message: no `close()`
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
    for done, size in enumerate(pool.imap_unordered(download, PAGES), start=1):
        logging.info("done %d/%d: %d", done, len(PAGES), size)
