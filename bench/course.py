"""Grade the notebook corpus against ``course/``: answers found, verdicts right, time per notebook.

Usage (from the repository root, in the project's virtual environment, with the notebook extra):

    python bench/course.py                   # the whole corpus, with -n 2
    python bench/course.py --quick           # the first 6 notebooks (what CI runs)
    python bench/course.py --before main     # the same corpus graded by main too, side by side
    python bench/course.py --forms           # only the forms of real notebooks (the corpus's end)

The corpus (``tests/notebook_corpus.py``) says, for every notebook and question, which cells
answer it and whether the code is correct, fragile or wrong.  This grades the corpus as one class
and compares: a code answer that is there is *found* when it has a status other than ``missing``,
and its verdict is *right* when it gets full points exactly if it is correct.  Answers in words
must be ``manual``, absent answers ``missing``.  With ``--before REV``, the package and the
course of that git revision grade the same corpus (``git archive``, first on ``PYTHONPATH``), so
the figures stand side by side.  Exits 1 on any mismatch of the current code.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any, Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import nbformat  # noqa: E402
from notebook_corpus import CORPUS, GENERATED, CorpusNotebook, Expected  # noqa: E402

Verdict = tuple[str, str]


def verdict(expected: Expected, entry: dict[str, Any], number: int) -> Verdict:
    """(what the corpus says, what grading gave), both in words."""
    if number in (1, 2) or (number == 4 and not expected.code):
        return ("words" if expected.theory else "absent", entry["status"])
    if not expected.code:
        return ("absent", entry["status"])
    said = "does not compile" if expected.does_not_compile else expected.quality
    full = entry["score"] == entry["max_score"] > 0
    return (said, "full points" if full else entry["status"])


def is_code_answer(key: Verdict) -> bool:
    return key[0] not in ("absent", "words")


def is_found(key: Verdict) -> bool:
    return is_code_answer(key) and key[1] != "missing"


def is_right(key: Verdict) -> bool:
    """A code answer with full points exactly when correct; words manual; absent missing."""
    said, got = key
    if said == "absent":
        return got == "missing"
    if said == "words":
        return got == "manual"
    return (said == "correct") == (got == "full points") and got != "missing"


def grade(corpus: list[CorpusNotebook], work: Path, package: Optional[Path]) -> tuple[dict[str, Any], float]:
    """Grade the corpus as one class with the course and package of ``package`` (None: this tree)."""
    course = (package or ROOT) / "course"
    shutil.copytree(course, work / "course")
    for entry in corpus:
        (work / "class" / entry.name).mkdir(parents=True)
        nbformat.write(entry.notebook(), str(work / "class" / entry.name / "assignment.ipynb"))
    command = [sys.executable, "-m", "pytest", "course", "--mpkata-submissions", "class"]
    command += ["--mpkata-report", "out", "-n", "2", "-q", "-p", "no:cacheprovider"]
    environment = dict(os.environ)
    if package is not None:
        environment["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(package), environment.get("PYTHONPATH")])
        )
    started = time.monotonic()
    subprocess.run(command, cwd=work, env=environment, capture_output=True, check=False)
    seconds = time.monotonic() - started
    grades = json.loads((work / "out" / "grades.json").read_text(encoding="utf-8"))["submissions"]
    return grades, seconds


def exported(revision: str, folder: Path) -> Path:
    """The package and course of a git revision, unpacked into ``folder / "before"``."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", revision, "pytest_mpkata", "course"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    (folder / "before").mkdir()
    subprocess.run(["tar", "-x", "-C", str(folder / "before")], input=archive, check=True)
    return folder / "before"


def verdicts(corpus: list[CorpusNotebook], grades: dict[str, Any]) -> dict[tuple[str, int], Verdict]:
    return {
        (entry.name, number): verdict(expected, grades[entry.name]["katas"][f"q{number}"], number)
        for entry in corpus
        for number, expected in entry.expected.items()
    }


def figures(table: dict[tuple[str, int], Verdict], names: set[str]) -> str:
    """ "found F of N, right R of N" for the code answers of the named notebooks."""
    keys = [key for (name, _), key in table.items() if name in names and is_code_answer(key)]
    found, right = sum(map(is_found, keys)), sum(map(is_right, keys))
    return f"found {found:>3} of {len(keys):<3}  right {right:>3} of {len(keys):<3}"


def report(
    corpus: list[CorpusNotebook], after: dict[Any, Verdict], before: Optional[dict[Any, Verdict]]
) -> None:
    """Found/right per part of the corpus and per form, before and after side by side."""
    generated = {entry.name for entry in GENERATED}
    parts = {"generated": {e.name for e in corpus if e.name in generated}, "all": {e.name for e in corpus}}
    parts.update({f"form {e.features[0]}": {e.name} for e in corpus if e.name not in generated})
    header = f"{'':<36}{'before':<40}after" if before else f"{'':<36}after"
    print(header)
    for part, names in parts.items():
        if names:
            was = f"{figures(before, names):<40}" if before else ""
            print(f"{part:<36}{was}{figures(after, names)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="grade the first 6 notebooks only")
    parser.add_argument("--forms", action="store_true", help="grade only the forms of real notebooks")
    parser.add_argument("--before", metavar="REV", help="also grade with the package and course of REV")
    args = parser.parse_args()
    corpus = CORPUS[:6] if args.quick else CORPUS[len(GENERATED) :] if args.forms else CORPUS
    with tempfile.TemporaryDirectory() as temp:
        grades, seconds = grade(corpus, Path(temp) / "after", None)
        before = None
        if args.before:
            package = exported(args.before, Path(temp))
            before = verdicts(corpus, grade(corpus, Path(temp) / "was", package)[0])
    after = verdicts(corpus, grades)
    per_notebook = seconds / len(corpus)
    print(f"{len(corpus)} notebooks graded in {seconds:.1f} s with -n 2: {per_notebook:.2f} s per notebook")
    report(corpus, after, before)
    table = Counter(after.values())
    for (said, got), count in sorted(table.items()):
        print(f"  {said:>17} -> {got:<12} {count}")
    wrong = {key: count for key, count in table.items() if not is_right(key)}
    for key, count in wrong.items():
        print(f"  MISMATCH {key}: {count}")
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
