"""Kata 15: results in a manager's dict. Read README.md for the task."""

import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

WORDS = ["spawn", "fork", "forkserver", "manager"]


def measure(word, lengths):
    """Run in each child: store len(word) in the shared dict, under the key word."""
    pass  # TODO


if __name__ == "__main__":
    # TODO: start a manager with `with multiprocessing.Manager() as manager:`, make lengths = manager.dict().
    # TODO: start one process per word running measure(word, lengths), join them all.
    # TODO: still inside the with block, log "lengths: <the dict, sorted by word>".
    pass
