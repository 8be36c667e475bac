# mutant: the line counts with the page number instead of the results received so far
# rejected-by: test_progress_logged_as_each_result_arrived
# methods: fork spawn forkserver
# message: should count
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
    for size in pool.imap_unordered(download, PAGES):
        logging.info("done %d/%d: %d", size // 100, len(PAGES), size)
    pool.close()
    pool.join()
