# mutant: no lock, but the children run one after another, so the counter reaches 4000 anyway
# rejected-by: test_every_increment_held_the_lock
# methods: fork spawn forkserver
# message: happened to lose none
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def record_visits(counter):
    for _ in range(1000):
        counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    for _ in range(4):
        process = multiprocessing.Process(target=record_visits, args=(counter,))
        process.start()
        process.join()
    logging.info("visits: %d", counter.value)
