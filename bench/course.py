"""Grade the notebook corpus against ``course/``: answers found, verdicts, time per notebook.

Usage (from the repository root, in the project's virtual environment, with the notebook extra):

    python bench/course.py            # the whole corpus (73 notebooks), with -n 2
    python bench/course.py --quick    # the first 6 notebooks (what CI runs)

The corpus (``tests/notebook_corpus.py``) says, for every notebook and question, which cells
answer it and whether the code is correct, fragile or wrong.  This grades the corpus as one class
and compares: every answer that is there has a status (never ``missing``), every correct answer
gets full points and no other answer does.  Exits 1 on any mismatch.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import nbformat  # noqa: E402
from notebook_corpus import CORPUS, Expected  # noqa: E402


def verdict(expected: Expected, entry: dict[str, Any], number: int) -> tuple[str, str]:
    """(what the corpus says, what grading gave), both in words."""
    if number in (1, 2) or (number == 4 and not expected.code):
        return ("words" if expected.theory else "absent", entry["status"])
    if not expected.code:
        return ("absent", entry["status"])
    said = "does not compile" if expected.does_not_compile else expected.quality
    full = entry["score"] == entry["max_score"] > 0
    return (said, "full points" if full else entry["status"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="grade the first 6 notebooks only")
    args = parser.parse_args()
    corpus = CORPUS[:6] if args.quick else CORPUS
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        shutil.copytree(ROOT / "course", work / "course")
        for entry in corpus:
            (work / "class" / entry.name).mkdir(parents=True)
            nbformat.write(entry.notebook(), str(work / "class" / entry.name / "assignment.ipynb"))
        command = [sys.executable, "-m", "pytest", "course", "--mpkata-submissions", "class"]
        command += ["--mpkata-report", "out", "-n", "2", "-q", "-p", "no:cacheprovider"]
        started = time.monotonic()
        subprocess.run(command, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        seconds = time.monotonic() - started
        grades = json.loads((work / "out" / "grades.json").read_text(encoding="utf-8"))["submissions"]
    table: Counter[tuple[str, str]] = Counter()
    for entry in corpus:
        for number, expected in entry.expected.items():
            table[verdict(expected, grades[entry.name]["katas"][f"q{number}"], number)] += 1
    present = sum(count for (said, _), count in table.items() if said != "absent")
    found = sum(count for (said, got), count in table.items() if said != "absent" and got != "missing")
    wrong = {
        key: count
        for key, count in table.items()
        if (key[0] == "correct") != (key[1] == "full points") or (key[0] != "absent") == (key[1] == "missing")
    }
    per_notebook = seconds / len(corpus)
    print(f"{len(corpus)} notebooks graded in {seconds:.1f} s with -n 2: {per_notebook:.2f} s per notebook")
    print(f"answers found: {found} of {present} present")
    for (said, got), count in sorted(table.items()):
        print(f"  {said:>17} -> {got:<12} {count}")
    for key, count in wrong.items():
        print(f"  MISMATCH {key}: {count}")
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
