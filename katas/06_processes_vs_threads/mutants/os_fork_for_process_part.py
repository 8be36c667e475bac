# mutant: the "process" part uses os.fork() and os.waitpid() instead of multiprocessing.Process
# rejected-by: test_process_ran_in_a_child
# methods: fork spawn forkserver
import logging
import os
import threading

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

counter = 0


def add_thousand():
    global counter
    for _ in range(1000):
        counter += 1


if __name__ == "__main__":
    pid = os.fork()
    if pid == 0:
        add_thousand()
        os._exit(0)
    os.waitpid(pid, 0)
    logging.info(f"after process: {counter}")
    thread = threading.Thread(target=add_thousand)
    thread.start()
    thread.join()
    logging.info(f"after thread: {counter}")
