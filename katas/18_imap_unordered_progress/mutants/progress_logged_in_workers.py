# mutant: each worker logs its own page as progress; the parent only drains the iterator
# rejected-by: test_progress_logged_as_each_result_arrived
# methods: fork spawn forkserver
# message: was logged by worker pid
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

PAGES = list(range(1, 13))


def download(page):
    time.sleep(0.2 + 0.1 * (page % 4))
    logging.info("done %d/%d: %d", page, len(PAGES), page * 100)
    return page * 100


if __name__ == "__main__":
    pool = multiprocessing.Pool(4)
    for size in pool.imap_unordered(download, PAGES):
        pass
    pool.close()
    pool.join()
