# mutant: the last child logs the dict instead of the parent, before the others may be done
# rejected-by: test_parent_read_the_dict_after_joining
# methods: fork spawn forkserver
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

WORDS = ["spawn", "fork", "forkserver", "manager"]



def measure(word, lengths):
    lengths[word] = len(word)
    if word == WORDS[-1]:
        time.sleep(0.5)
        logging.info("lengths: %s", dict(sorted(lengths.items())))


if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        lengths = manager.dict()
        processes = [multiprocessing.Process(target=measure, args=(word, lengths)) for word in WORDS]
        for process in processes:
            process.start()
        for process in processes:
            process.join()
