# mutant: no __main__ guard: each spawned worker re-runs the pool as it imports the file
# rejected-by: test_runs_cleanly
# methods: spawn forkserver
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

PAGES = list(range(1, 13))


def download(page):
    time.sleep(0.2 + 0.1 * (page % 4))
    return page * 100


if True:
    pool = multiprocessing.Pool(4)
    for done, size in enumerate(pool.imap_unordered(download, PAGES), start=1):
        logging.info("done %d/%d: %d", done, len(PAGES), size)
    pool.close()
    pool.join()
