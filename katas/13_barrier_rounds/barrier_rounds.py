"""Kata 13: two phases behind a barrier. Read README.md for the task."""

import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def worker(n, barrier):
    """Run in each child: log phase 1, wait at the barrier, then log phase 2."""
    pass  # TODO


if __name__ == "__main__":
    # TODO: create barrier = multiprocessing.Barrier(4).
    # TODO: start 4 processes running worker(n, barrier), n = 0..3, and join all four.
    # TODO: log "all rounds done".
    pass
