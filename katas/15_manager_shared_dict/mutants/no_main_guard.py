# mutant: no __main__ guard; under spawn and forkserver each child re-runs the module and fails
# rejected-by: test_runs_cleanly
# methods: spawn forkserver
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

WORDS = ["spawn", "fork", "forkserver", "manager"]



def measure(word, lengths):
    lengths[word] = len(word)


with multiprocessing.Manager() as manager:
    lengths = manager.dict()
    processes = [multiprocessing.Process(target=measure, args=(word, lengths)) for word in WORDS]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    logging.info("lengths: %s", dict(sorted(lengths.items())))
