# mutant: work done in the parent: the child echoes each number back and the parent doubles it
# rejected-by: test_child_did_the_doubling
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def double(conn):
    for _ in range(5):
        conn.send(conn.recv())
    conn.close()


if __name__ == "__main__":
    parent_end, child_end = multiprocessing.Pipe()
    child = multiprocessing.Process(target=double, args=(child_end,))
    child.start()
    replies = []
    for n in range(1, 6):
        parent_end.send(n)
        replies.append(2 * parent_end.recv())
    parent_end.close()
    child.join()
    logging.info("replies: %s", replies)
