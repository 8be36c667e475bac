# mutant: the first child measures every word; the others store nothing
# rejected-by: test_each_child_stored_its_result_in_the_managers_dict
# methods: fork spawn forkserver
# message: stored nothing
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

WORDS = ["spawn", "fork", "forkserver", "manager"]



def measure(index, lengths):
    if index == 0:
        for word in WORDS:
            lengths[word] = len(word)


if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        lengths = manager.dict()
        processes = [multiprocessing.Process(target=measure, args=(i, lengths)) for i in range(len(WORDS))]
        for process in processes:
            process.start()
        for process in processes:
            process.join()
        logging.info("lengths: %s", dict(sorted(lengths.items())))
