"""Kata 2: four numbered processes. Read README.md for the task."""

import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def log_number(n):
    """Run in a child: log "process <n>"."""
    pass  # TODO


if __name__ == "__main__":
    # TODO: create 4 processes; process n (n = 0, 1, 2, 3) runs log_number(n),
    #       so each child logs "process <n>" itself, exactly once.
    # TODO: start all four first, then join all four.
    pass
