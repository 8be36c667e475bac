# mutant: the children run, but the parent computes and stores every length itself
# rejected-by: test_each_child_stored_its_result_in_the_managers_dict
# methods: fork spawn forkserver
# message: stored
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

WORDS = ["spawn", "fork", "forkserver", "manager"]



def measure(word, lengths):
    logging.info("measuring %s", word)


if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        lengths = manager.dict()
        processes = [multiprocessing.Process(target=measure, args=(word, lengths)) for word in WORDS]
        for process in processes:
            process.start()
        for process in processes:
            process.join()
        for word in WORDS:
            lengths[word] = len(word)
        logging.info("lengths: %s", dict(sorted(lengths.items())))
