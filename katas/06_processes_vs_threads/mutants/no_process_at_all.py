# mutant: no process is started; the parent just logs "after process: 0"
# rejected-by: test_process_ran_in_a_child
# methods: fork spawn forkserver
import logging
import threading

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

counter = 0


def add_thousand():
    global counter
    for _ in range(1000):
        counter += 1


if __name__ == "__main__":
    logging.info(f"after process: {counter}")
    thread = threading.Thread(target=add_thousand)
    thread.start()
    thread.join()
    logging.info(f"after thread: {counter}")
