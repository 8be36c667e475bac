# variant: the parent sends all five numbers first, then receives the five replies; ends closed by with blocks
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = [1, 2, 3, 4, 5]


def double(conn):
    with conn:
        for _ in range(5):
            number = conn.recv()
            conn.send(number + number)


if __name__ == "__main__":
    parent_end, child_end = multiprocessing.Pipe()
    child = multiprocessing.Process(target=double, args=(child_end,))
    child.start()
    with parent_end:
        for n in NUMBERS:
            parent_end.send(n)
        replies = [parent_end.recv() for _ in range(5)]
    child.join()
    logging.info("replies: %s", replies)
    print(replies)
