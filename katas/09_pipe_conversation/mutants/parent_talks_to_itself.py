# mutant: no child: the parent sends on one end, receives on the other and doubles the numbers itself
# rejected-by: test_messages_crossed_the_pipe_both_ways
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


if __name__ == "__main__":
    parent_end, child_end = multiprocessing.Pipe()
    replies = []
    for n in range(1, 6):
        parent_end.send(n)
        child_end.send(2 * child_end.recv())
        replies.append(parent_end.recv())
    parent_end.close()
    child_end.close()
    logging.info("replies: %s", replies)
