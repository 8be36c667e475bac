# mutant: the parent logs both lines with literal numbers; nothing is run
# rejected-by: test_process_ran_in_a_child
# methods: fork spawn forkserver
import logging

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

if __name__ == "__main__":
    logging.info("after process: 0")
    logging.info("after thread: 1000")
