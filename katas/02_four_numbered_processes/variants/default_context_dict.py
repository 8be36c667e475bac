# variant: get_context() with no argument; processes kept in a dict, joined with a timeout
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def announce(label, number):
    logging.info(f"{label} {number}")


def main():
    ctx = multiprocessing.get_context()
    by_number = {
        n: ctx.Process(target=announce, args=("process", n), name=f"worker-{n}") for n in range(4)
    }
    for process in by_number.values():
        process.start()
    for n, process in by_number.items():
        process.join(timeout=30)
        print(f"worker {n} finished with {process.exitcode}")


if __name__ == "__main__":
    main()
