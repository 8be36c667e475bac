# mutant: the parent reads the dict before joining the children (a sleep hides the race)
# rejected-by: test_parent_read_the_dict_after_joining
# methods: fork spawn forkserver
# message: before it had joined
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

WORDS = ["spawn", "fork", "forkserver", "manager"]



def measure(word, lengths):
    lengths[word] = len(word)


if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        lengths = manager.dict()
        processes = [multiprocessing.Process(target=measure, args=(word, lengths)) for word in WORDS]
        for process in processes:
            process.start()
        time.sleep(1.5)
        logging.info("lengths: %s", dict(sorted(lengths.items())))
        for process in processes:
            process.join()
