# mutant: the parent downloads each page itself; the pool gets one token task so that it exists
# rejected-by: test_pages_downloaded_in_workers
# methods: fork spawn forkserver
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
    pool.map(download, [0])
    for done, page in enumerate(PAGES, start=1):
        logging.info("done %d/%d: %d", done, len(PAGES), download(page))
    pool.close()
    pool.join()
