# variant: from-imports, get_context() with no argument, a named logger, join timeout, prints
import logging
import os
from multiprocessing import current_process, get_context

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")
log = logging.getLogger(__name__)


def greet(greeting):
    print(f"{current_process().name} is running")
    log.info(f"{greeting} from process {os.getpid()}")


def main():
    child = get_context().Process(target=greet, args=("hello",), name="greeter")
    child.start()
    print(f"started {child.name} as pid {child.pid}")
    child.join(timeout=30)
    log.info("child exited with code %d", child.exitcode)


if __name__ == "__main__":
    main()
