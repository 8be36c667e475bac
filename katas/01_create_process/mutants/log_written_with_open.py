# mutant: the parent writes well-shaped lines into test.log with open(); the child logs nothing
# rejected-by: test_work_in_child_process
# methods: fork spawn forkserver
import datetime
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def do_nothing():
    pass


def stamp():
    return datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S,%f")[:-3]


if __name__ == "__main__":
    process = multiprocessing.Process(target=do_nothing)
    process.start()
    process.join()
    with open("test.log", "w") as log:
        log.write(f"{stamp()} hello from process {process.pid}\n")
        log.write(f"{stamp()} child exited with code {process.exitcode}\n")
