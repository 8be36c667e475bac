"""Kata 9: a conversation over a pipe. Read README.md for the task."""

import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = [1, 2, 3, 4, 5]  # what the parent sends; the checker also runs your program with others


def double(conn):
    """Run in the child: five times, receive a number from conn and send back its double; close conn."""
    pass  # TODO


if __name__ == "__main__":
    # TODO: create a pipe and start a child running double with one end of it.
    # TODO: send each number of NUMBERS over the other end, one at a time, receiving the reply to each.
    # TODO: close your end, join the child, then log "replies: [...]".
    pass
