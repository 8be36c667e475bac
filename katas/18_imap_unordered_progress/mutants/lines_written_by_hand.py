# mutant: the parent reads the results, then writes the progress lines into test.log with open()
# rejected-by: test_progress_logged_as_each_result_arrived
# methods: fork spawn forkserver
# message: no progress line
import logging
import multiprocessing
import datetime
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

PAGES = list(range(1, 13))


def download(page):
    time.sleep(0.2 + 0.1 * (page % 4))
    return page * 100


if __name__ == "__main__":
    pool = multiprocessing.Pool(4)
    sizes = list(pool.imap_unordered(download, PAGES))
    with open("test.log", "a") as log:
        for done, size in enumerate(sizes, start=1):
            stamp = datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S,000")
            log.write(f"{stamp} done {done}/{len(PAGES)}: {size}\n")
    pool.close()
    pool.join()
