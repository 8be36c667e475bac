# mutant: the pool is closed and joined before the loop reads the iterator: every result waits for the last
# rejected-by: test_results_read_as_they_complete
# methods: fork spawn forkserver
# message: only after the last task had ended
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
    pool.close()
    pool.join()
    for done, size in enumerate(sizes, start=1):
        logging.info("done %d/%d: %d", done, len(PAGES), size)
