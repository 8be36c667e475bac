# mutant: the loop reads each size as it completes but keeps it; the progress lines are logged after the loop
# rejected-by: test_progress_logged_as_each_result_arrived
# methods: fork spawn forkserver
# message: logged only after your parent had read result
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
    sizes = []
    for size in pool.imap_unordered(download, PAGES):
        sizes.append(size)
    for done, size in enumerate(sizes, start=1):
        logging.info("done %d/%d: %d", done, len(PAGES), size)
    pool.close()
    pool.join()
