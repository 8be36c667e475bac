# variant: a Process subclass that doubles until it receives None; the parent sends None after 5 numbers
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = [1, 2, 3, 4, 5]


class Doubler(multiprocessing.Process):
    def __init__(self, conn):
        super().__init__()
        self.conn = conn

    def run(self):
        while (number := self.conn.recv()) is not None:
            self.conn.send(2 * number)
        self.conn.close()


if __name__ == "__main__":
    here, there = multiprocessing.Pipe()
    doubler = Doubler(there)
    doubler.start()
    replies = []
    for n in NUMBERS:
        here.send(n)
        replies.append(here.recv())
    here.send(None)
    here.close()
    doubler.join()
    logging.info("conversation over")
    logging.info("replies: %s", replies)
