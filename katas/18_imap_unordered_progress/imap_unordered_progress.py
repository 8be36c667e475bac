"""Kata 18: progress as results complete. Read README.md for the task."""

import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

PAGES = list(range(1, 13))


def download(page):
    """Run in a worker: pretend to download a page (it takes a while) and return its size."""
    time.sleep(0.2 + 0.1 * (page % 4))
    return page * 100


if __name__ == "__main__":
    # TODO: make a pool of 4 workers.
    # TODO: loop over pool.imap_unordered(download, PAGES); after each size, log "done <k>/12: <size>".
    # TODO: close the pool, then join it.
    pass
