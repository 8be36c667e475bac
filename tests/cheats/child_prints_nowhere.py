"""Cheat (the course's "four processes each report a different number", answered with print):
four real children print their number into the tracer's stream wrapper with its real stream
swapped for a buffer, so the output lands nowhere; the main process prints the four lines."""

import io
import multiprocessing
import sys


def report(n):
    sys.stdout._mpkata_stream = io.StringIO()  # the wrapper still records, the line goes nowhere
    print(f"process {n}")


if __name__ == "__main__":
    children = [multiprocessing.Process(target=report, args=(n,)) for n in range(4)]
    for child in children:
        child.start()
    for child in children:
        child.join()
    sys.stdout.flush()
    sys.__stdout__.write("".join(f"process {n}\n" for n in range(4)))
    sys.__stdout__.flush()
