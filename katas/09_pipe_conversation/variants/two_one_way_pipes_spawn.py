# variant: two one-way pipes (Pipe(duplex=False)), one for numbers and one for replies, spawn context
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

NUMBERS = [1, 2, 3, 4, 5]


def double(numbers_in, replies_out):
    for _ in range(5):
        replies_out.send(numbers_in.recv() * 2)
    numbers_in.close()
    replies_out.close()


if __name__ == "__main__":
    ctx = multiprocessing.get_context("spawn")
    numbers_in, numbers_out = ctx.Pipe(duplex=False)
    replies_in, replies_out = ctx.Pipe(duplex=False)
    child = ctx.Process(target=double, args=(numbers_in, replies_out))
    child.start()
    replies = []
    for n in NUMBERS:
        numbers_out.send(n)
        replies.append(replies_in.recv())
    numbers_out.close()
    replies_in.close()
    child.join(timeout=10)
    logging.info(f"replies: {replies}")
