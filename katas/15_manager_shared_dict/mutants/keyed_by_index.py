# mutant: each child stores its length under its index instead of its word
# rejected-by: test_each_child_stored_its_result_in_the_managers_dict
# methods: fork spawn forkserver
# message: No child stored the key
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

WORDS = ["spawn", "fork", "forkserver", "manager"]



def measure(index, word, lengths):
    lengths[index] = len(word)


if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        lengths = manager.dict()
        processes = [
            multiprocessing.Process(target=measure, args=(i, word, lengths)) for i, word in enumerate(WORDS)
        ]
        for process in processes:
            process.start()
        for process in processes:
            process.join()
        logging.info("lengths: %s", dict(sorted(lengths.items())))
