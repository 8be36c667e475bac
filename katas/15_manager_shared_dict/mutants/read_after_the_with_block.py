# mutant: the dict is read after the `with Manager()` block closed: its server has shut down
# rejected-by: test_parent_read_the_dict_after_joining
# methods: fork spawn forkserver
# message: server had stopped
import logging
import multiprocessing

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
        for process in processes:
            process.join()
    logging.info("lengths: %s", dict(sorted(lengths.items())))
