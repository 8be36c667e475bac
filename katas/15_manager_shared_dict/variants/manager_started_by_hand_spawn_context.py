# variant: get_context("spawn"), the manager started and shut down by hand, the dict copied with dict()
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

WORDS = ["spawn", "fork", "forkserver", "manager"]


def measure(word, lengths):
    lengths[word] = len(word)


if __name__ == "__main__":
    ctx = multiprocessing.get_context("spawn")
    manager = ctx.Manager()
    try:
        lengths = manager.dict()
        workers = [ctx.Process(target=measure, args=(word, lengths)) for word in WORDS]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=10)
        result = dict(lengths)
    finally:
        manager.shutdown()
    logging.info(f"lengths: {dict(sorted(result.items()))}")
