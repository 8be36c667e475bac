"""Kata 12: a go signal for every worker. Read README.md for the task."""

import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def worker(n, go):
    """Run in each child: wait on the go Event, then log "worker <n> working"."""
    pass  # TODO


if __name__ == "__main__":
    # TODO: create go = multiprocessing.Event().
    # TODO: start 4 processes running worker(n, go), n = 0..3.
    # TODO: once all four are started, set the Event; then join all four.
    # TODO: log "all workers done".
    pass
