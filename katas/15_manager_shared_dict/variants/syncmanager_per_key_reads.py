# variant: a SyncManager made from multiprocessing.managers, read key by key with get()
import logging
import multiprocessing
from multiprocessing.managers import SyncManager

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

WORDS = ["spawn", "fork", "forkserver", "manager"]


def measure(word, lengths):
    length = 0
    for _ in word:
        length += 1
    lengths[word] = length


if __name__ == "__main__":
    with SyncManager() as manager:
        lengths = manager.dict()
        processes = []
        for word in WORDS:
            process = multiprocessing.Process(target=measure, args=(word, lengths), name=f"measure-{word}")
            process.start()
            processes.append(process)
        for process in processes:
            process.join()
        result = {word: lengths.get(word) for word in sorted(WORDS)}
        logging.info("lengths: %s", result)
