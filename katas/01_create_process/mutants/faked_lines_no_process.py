# mutant: no process at all; the parent logs both lines literally with a made-up pid
# rejected-by: test_work_in_child_process
# methods: fork spawn forkserver
import logging

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

if __name__ == "__main__":
    logging.info("hello from process 12345")
    logging.info("child exited with code 0")
