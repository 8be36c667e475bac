# mutant: the child throws each received number away and sends back twice its own loop counter; with 1..5 the replies look right
# rejected-by: test_replies_follow_the_numbers_sent
# methods: fork spawn forkserver
# message: replied 2 after receiving 7
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = [1, 2, 3, 4, 5]


def double(conn):
    for counter in range(1, 6):
        conn.recv()
        conn.send(2 * counter)
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
