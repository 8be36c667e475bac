# mutant: threads share the dict without any manager process; the task asks for processes
# rejected-by: test_each_child_stored_its_result_in_the_managers_dict
# methods: fork spawn forkserver
import logging
import multiprocessing
import threading

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

WORDS = ["spawn", "fork", "forkserver", "manager"]



def measure(word, lengths):
    lengths[word] = len(word)


if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        lengths = manager.dict()
        threads = [threading.Thread(target=measure, args=(word, lengths)) for word in WORDS]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        logging.info("lengths: %s", dict(sorted(lengths.items())))
