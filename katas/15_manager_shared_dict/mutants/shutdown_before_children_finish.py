# mutant: manager.shutdown() right after starting the children: their writes find no server
# rejected-by: test_each_child_stored_its_result_in_the_managers_dict
# methods: fork spawn forkserver
# message: server had stopped
import logging
import multiprocessing
import time

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

WORDS = ["spawn", "fork", "forkserver", "manager"]



def measure(word, lengths):
    time.sleep(0.5)
    lengths[word] = len(word)


if __name__ == "__main__":
    manager = multiprocessing.Manager()
    lengths = manager.dict()
    processes = [multiprocessing.Process(target=measure, args=(word, lengths)) for word in WORDS]
    for process in processes:
        process.start()
    manager.shutdown()
    for process in processes:
        process.join()
    logging.info("lengths: {}")
