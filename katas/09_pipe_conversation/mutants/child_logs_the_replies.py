# mutant: the child logs the replies line itself; the parent only talks, closes and joins
# rejected-by: test_ends_closed_and_child_joined
# methods: fork spawn forkserver
# message: not by the parent
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def double(conn):
    replies = []
    for _ in range(5):
        number = conn.recv()
        replies.append(2 * number)
        conn.send(2 * number)
    conn.close()
    logging.info("replies: %s", replies)


if __name__ == "__main__":
    parent_end, child_end = multiprocessing.Pipe()
    child = multiprocessing.Process(target=double, args=(child_end,))
    child.start()
    for n in range(1, 6):
        parent_end.send(n)
        parent_end.recv()
    parent_end.close()
    child.join()
