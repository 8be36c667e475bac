# mutant: a plain dict passed to the children: each stores into its own copy, the parent logs {}
# rejected-by: test_each_child_stored_its_result_in_the_managers_dict
# methods: fork spawn forkserver
# message: own copy
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

WORDS = ["spawn", "fork", "forkserver", "manager"]



def measure(word, lengths):
    lengths[word] = len(word)


if __name__ == "__main__":
    lengths = {}
    processes = [multiprocessing.Process(target=measure, args=(word, lengths)) for word in WORDS]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    logging.info("lengths: %s", dict(sorted(lengths.items())))
