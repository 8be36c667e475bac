# mutant: the numbers go over the pipe, but the child sends the doubles back on a Queue
# rejected-by: test_messages_crossed_the_pipe_both_ways
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def double(conn, answers):
    for _ in range(5):
        answers.put(2 * conn.recv())
    conn.close()


if __name__ == "__main__":
    parent_end, child_end = multiprocessing.Pipe()
    answers = multiprocessing.Queue()
    child = multiprocessing.Process(target=double, args=(child_end, answers))
    child.start()
    replies = []
    for n in range(1, 6):
        parent_end.send(n)
        replies.append(answers.get())
    parent_end.close()
    child.join()
    logging.info("replies: %s", replies)
