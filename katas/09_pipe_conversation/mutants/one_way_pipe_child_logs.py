# mutant: a pipe used one way only: the child doubles the numbers and logs the replies itself
# rejected-by: test_messages_crossed_the_pipe_both_ways
# methods: fork spawn forkserver
# message: never sent
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def double(conn):
    replies = [2 * conn.recv() for _ in range(5)]
    conn.close()
    logging.info("replies: %s", replies)


if __name__ == "__main__":
    parent_end, child_end = multiprocessing.Pipe()
    child = multiprocessing.Process(target=double, args=(child_end,))
    child.start()
    for n in range(1, 6):
        parent_end.send(n)
    parent_end.close()
    child.join()
