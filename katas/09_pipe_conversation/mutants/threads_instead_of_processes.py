# mutant: a threading.Thread runs double, so the conversation never leaves the parent process
# rejected-by: test_messages_crossed_the_pipe_both_ways
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")
import threading


def double(conn):
    for _ in range(5):
        number = conn.recv()
        conn.send(2 * number)
    conn.close()


if __name__ == "__main__":
    parent_end, child_end = multiprocessing.Pipe()
    child = threading.Thread(target=double, args=(child_end,))
    child.start()
    replies = []
    for n in range(1, 6):
        parent_end.send(n)
        replies.append(parent_end.recv())
    parent_end.close()
    child.join()
    logging.info("replies: %s", replies)
