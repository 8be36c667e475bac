# mutant: each line logs the page's expected size from the input list, not the size just received
# rejected-by: test_progress_logged_as_each_result_arrived
# methods: fork spawn forkserver
# message: log the value you just read
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
        logging.info("done %d/%d: %d", done, len(PAGES), PAGES[done - 1] * 100)
    pool.close()
    pool.join()
