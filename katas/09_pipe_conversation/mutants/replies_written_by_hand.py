# mutant: the conversation happens, but the parent logs the replies line written by hand
# rejected-by: test_replies_follow_the_numbers_sent
# methods: fork spawn forkserver
# message: exactly what the stated input gives
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = [1, 2, 3, 4, 5]


def double(conn):
    for _ in range(5):
        conn.send(2 * conn.recv())
    conn.close()


if __name__ == "__main__":
    parent_end, child_end = multiprocessing.Pipe()
    child = multiprocessing.Process(target=double, args=(child_end,))
    child.start()
    for n in NUMBERS:
        parent_end.send(n)
        parent_end.recv()
    parent_end.close()
    child.join()
    logging.info("replies: [2, 4, 6, 8, 10]")
