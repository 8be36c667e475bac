"""A conversation over a pipe: the parent sends numbers, the child replies with their doubles."""

import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = [1, 2, 3, 4, 5]


def double(conn):
    for _ in range(5):
        number = conn.recv()
        conn.send(2 * number)
    conn.close()


if __name__ == "__main__":
    parent_end, child_end = multiprocessing.Pipe()
    child = multiprocessing.Process(target=double, args=(child_end,))
    child.start()
    replies = []
    for n in NUMBERS:
        parent_end.send(n)
        replies.append(parent_end.recv())
    parent_end.close()
    child.join()
    logging.info("replies: %s", replies)
