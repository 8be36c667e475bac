# mutant: the parent sends numbers written inline and never reads NUMBERS (the constant is renamed away)
# rejected-by: test_replies_follow_the_numbers_sent
# methods: fork spawn forkserver
# message: assigns no `NUMBERS` at module level
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def double(conn):
    for _ in range(5):
        conn.send(2 * conn.recv())
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
    child.join()
    logging.info("replies: %s", replies)
