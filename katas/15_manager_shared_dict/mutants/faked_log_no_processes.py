# mutant: no process, no manager: the expected line is written by hand
# rejected-by: test_each_child_stored_its_result_in_the_managers_dict
# methods: fork spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

WORDS = ["spawn", "fork", "forkserver", "manager"]



if __name__ == "__main__":
    lengths = {word: len(word) for word in sorted(WORDS)}
    logging.info("lengths: %s", lengths)
