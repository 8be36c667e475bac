# mutant: three processes for four words; the last word is measured in the parent
# rejected-by: test_each_child_stored_its_result_in_the_managers_dict
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

WORDS = ["spawn", "fork", "forkserver", "manager"]



def measure(word, lengths):
    lengths[word] = len(word)


if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        lengths = manager.dict()
        processes = [multiprocessing.Process(target=measure, args=(word, lengths)) for word in WORDS[:3]]
        for process in processes:
            process.start()
        for process in processes:
            process.join()
        lengths[WORDS[3]] = len(WORDS[3])
        logging.info("lengths: %s", dict(sorted(lengths.items())))
