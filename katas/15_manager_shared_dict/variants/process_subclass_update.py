# variant: a Process subclass whose run() stores its result with update(); the parent copies the dict
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")

WORDS = ["spawn", "fork", "forkserver", "manager"]


class Measurer(multiprocessing.Process):
    def __init__(self, word, lengths):
        super().__init__()
        self.word = word
        self.lengths = lengths

    def run(self):
        self.lengths.update({self.word: len(self.word)})


if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        lengths = manager.dict()
        measurers = [Measurer(word, lengths) for word in WORDS]
        for measurer in measurers:
            measurer.start()
        for measurer in measurers:
            measurer.join()
        snapshot = lengths.copy()
    logging.info("lengths: %s", {word: snapshot[word] for word in sorted(snapshot)})
