"""Grade a hostile class several times, with and without xdist, and count the differences.

Usage (from the repository root, in the project's virtual environment):

    python bench/determinism.py              # 5 gradings: 3 without xdist, 2 with -n 2
    python bench/determinism.py --quick      # 3 gradings, one with -n 2 (what CI runs)
    python bench/determinism.py --loaded     # the same with two busy loops beside, and -n auto

The class (``tests/hostile_class.py``): missing ``__main__`` guards with ``Process`` and with
``Pool``, an ``os.fork`` bomb, a ``Process`` bomb, an output flood from four children, a hung
pool, a crash in one child.  Each grading writes a grade book; the grade books are compared
with pids, times and pictures taken out (scores, statuses, failed-check sets and message text
stay).  Exits 1 on any difference and prints it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hostile_class import KATA_FOLDERS, PROGRAMS, read_comparable, write_class  # noqa: E402

TIME_LIMIT = "6"
"""Seconds per run: the class's hanging programs meet it every time; every other program needs a
fraction of it even with each process followed through the kernel on a loaded 2-core machine,
so the limit itself never decides a verdict that should not depend on time."""


BUSY_LOOP = "while True:\n    pass\n"
"""What runs beside a loaded grading, twice: as an instructor's other work, or -n auto itself."""


def grade(work: Path, report: Path, xdist: str | None) -> float:
    command = [sys.executable, "-m", "pytest", *(f"katas/{folder}" for folder in KATA_FOLDERS)]
    command += ["--mpkata-submissions", "class", "--mpkata-report", str(report)]
    command += ["--mpkata-time-limit", TIME_LIMIT]
    command += ["-q", "-p", "no:cacheprovider", *(["-n", xdist] if xdist else ["-p", "no:xdist"])]
    started = time.monotonic()
    subprocess.run(command, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gradings", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="3 gradings, one with -n 2 (what CI runs)")
    parser.add_argument("--loaded", action="store_true", help="two busy loops beside, -n auto for xdist")
    args = parser.parse_args()
    if args.quick:
        args.gradings = 3
    busy = [subprocess.Popen([sys.executable, "-c", BUSY_LOOP]) for _ in range(2 if args.loaded else 0)]
    try:
        return compare(args.gradings, "auto" if args.loaded else "2", "loaded" if args.loaded else "quiet")
    finally:
        for loop in busy:
            loop.kill()
            loop.wait()


def compare(gradings: int, workers: str, machine: str) -> int:
    """Grade the class ``gradings`` times (every other one under xdist) and print the differences."""
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        for folder in KATA_FOLDERS:
            shutil.copytree(ROOT / "katas" / folder, work / "katas" / folder)
        write_class(work / "class")
        books = []
        for index in range(gradings):
            xdist = workers if index % 2 == 1 else None
            seconds = grade(work, work / f"grades-{index}", xdist)
            books.append(read_comparable(work / f"grades-{index}"))
            print(
                f"grading {index + 1} ({machine}): {f'-n {xdist}' if xdist else 'no xdist'}, {seconds:.1f} s"
            )
    grades = sum(len(book[name]["katas"]) for book in books[:1] for name in book)
    differences = [
        (index, name, kata_id)
        for index, book in enumerate(books[1:], start=2)
        for name in books[0]
        for kata_id in books[0][name]["katas"]
        if book[name]["katas"][kata_id] != books[0][name]["katas"][kata_id]
    ]
    summary = f"{gradings} gradings x {grades} kata grades ({len(PROGRAMS)} submissions)"
    print(f"{summary}: {len(differences)} differences")
    for index, name, kata_id in differences:
        print(f"  grading {index} differs from grading 1: {name} / {kata_id}")
        print(f"    1: {books[0][name]['katas'][kata_id]}")
        print(f"    {index}: {books[index - 1][name]['katas'][kata_id]}")
    return 1 if differences else 0


if __name__ == "__main__":
    raise SystemExit(main())
