"""Kata 10: locked counter. The reference solution."""

import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


if __name__ == "__main__":
    # TODO: the reference solution; `python -m pytest_mpkata check --run` proves it passes.
    pass
