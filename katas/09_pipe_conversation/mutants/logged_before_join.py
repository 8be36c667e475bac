# mutant: the parent logs the replies before it joins the child
# rejected-by: test_ends_closed_and_child_joined
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


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
    for n in range(1, 6):
        parent_end.send(n)
        replies.append(parent_end.recv())
    parent_end.close()
    logging.info("replies: %s", replies)
    child.join()
