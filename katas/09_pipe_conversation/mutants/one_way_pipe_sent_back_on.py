# mutant: Pipe(duplex=False) gives a read-only and a write-only end; the child tries to reply on the read-only one
# rejected-by: test_runs_cleanly
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def double(reader):
    for _ in range(5):
        reader.send(2 * reader.recv())
    reader.close()


if __name__ == "__main__":
    reader, writer = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.Process(target=double, args=(reader,))
    child.start()
    replies = []
    for n in range(1, 6):
        writer.send(n)
        replies.append(writer.recv())
    writer.close()
    child.join()
    logging.info("replies: %s", replies)
