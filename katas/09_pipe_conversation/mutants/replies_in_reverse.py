# mutant: the child takes all five numbers, then replies with their doubles in reverse; the parent sorts them
# rejected-by: test_child_did_the_doubling
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def double(conn):
    numbers = [conn.recv() for _ in range(5)]
    for number in reversed(numbers):
        conn.send(2 * number)
    conn.close()


if __name__ == "__main__":
    parent_end, child_end = multiprocessing.Pipe()
    child = multiprocessing.Process(target=double, args=(child_end,))
    child.start()
    for n in range(1, 6):
        parent_end.send(n)
    replies = sorted(parent_end.recv() for _ in range(5))
    parent_end.close()
    child.join()
    logging.info("replies: %s", replies)
