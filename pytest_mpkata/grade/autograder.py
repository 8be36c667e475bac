"""What the Gradescope bundle's ``run_autograder`` runs: grade one submission, write results.json.

``python -m pytest_mpkata.grade.autograder --root /autograder`` copies the learner's ``.py`` and
``.ipynb`` files (from anywhere under ``submission/``, the shallowest of each name) into a class
folder of one, grades it with the plugin against ``source/katas``, and writes Gradescope's
``results/results.json`` with the wall-clock execution time.  Whatever goes wrong, Gradescope gets
a results.json that says so, never a crashed autograder.
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
from collections.abc import Sequence
from pathlib import Path

from pytest_mpkata.grade.bundle import CONFIG_FILE
from pytest_mpkata.grade.files import atomic_write_text, json_text
from pytest_mpkata.grade.reports import RESULTS_JSON, report_dir_name
from pytest_mpkata.grade.stamp import plugin_version
from pytest_mpkata.kata.catalogue import NOTEBOOK_SUFFIX, load_catalogue

__all__ = [
    "DEFAULT_ROOT",
    "FAILED_OUTPUT",
    "OUTPUT_TAIL_LINES",
    "ROOT_VARIABLE",
    "RUN_MARGIN",
    "SKIPPED_PARTS",
    "SUBMISSION_NAME",
    "SUBMITTED_SUFFIXES",
    "VERSION_MISMATCH",
    "copy_submission",
    "failed_results",
    "grade_submission",
    "grading_budget",
    "main",
    "run_grading",
]

ROOT_VARIABLE = "AUTOGRADER_ROOT"
DEFAULT_ROOT = "/autograder"
SUBMISSION_NAME = "submission"
SUBMITTED_SUFFIXES = (".py", NOTEBOOK_SUFFIX)
SKIPPED_PARTS = frozenset({"__pycache__", ".ipynb_checkpoints", ".git"})
OUTPUT_TAIL_LINES = 60
RUN_MARGIN = 120.0
"""Seconds on top of every run's time limit before the whole grading is given up."""

FAILED_OUTPUT = (
    "The autograder could not grade this submission ({reason}). Your instructor can see the details "
    "in the autograder output; please tell them."
)
VERSION_MISMATCH = "this bundle was built with pytest-mpkata {expected}, but {found} is installed"


def main(argv: Sequence[str] | None = None) -> int:
    """Grade ``ROOT/submission`` and write ``ROOT/results/results.json``; always exit 0."""
    parser = argparse.ArgumentParser(prog="python -m pytest_mpkata.grade.autograder")
    parser.add_argument("--root", type=Path, default=Path(os.environ.get(ROOT_VARIABLE, DEFAULT_ROOT)))
    root: Path = parser.parse_args(argv).root
    started = time.monotonic()
    results = grade_submission(root)
    results["execution_time"] = round(time.monotonic() - started)
    target = root / "results" / RESULTS_JSON
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(target, json_text(results))
    print(f"score {results.get('score')}; results in {target}")
    return 0


def grade_submission(root: Path) -> dict[str, object]:
    """The results.json content for the submission under ``root``."""
    source = root / "source"
    config = _read_config(source / CONFIG_FILE)
    expected = str(config.get("plugin_version", ""))
    if expected and expected != plugin_version():
        return failed_results(VERSION_MISMATCH.format(expected=expected, found=plugin_version()))
    with tempfile.TemporaryDirectory(prefix="mpkata-autograder-") as scratch:
        work = Path(scratch)
        copy_submission(root / SUBMISSION_NAME, work / "class" / SUBMISSION_NAME)
        output = run_grading(source, work, str(config.get("start_methods", "")))
        print(output)
        report = work / "report" / report_dir_name(SUBMISSION_NAME) / RESULTS_JSON
        try:
            results: dict[str, object] = json.loads(report.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return failed_results("no grades were written")
    return results


def copy_submission(submitted: Path, folder: Path) -> list[Path]:
    """Copy every .py and .ipynb under ``submitted`` into ``folder``, flat; the shallowest wins."""
    folder.mkdir(parents=True, exist_ok=True)
    files = [p for p in submitted.rglob("*") if p.suffix in SUBMITTED_SUFFIXES and p.is_file()]
    files = [p for p in files if not SKIPPED_PARTS & set(p.relative_to(submitted).parts)]
    copied: list[Path] = []
    for path in sorted(files, key=lambda p: (len(p.relative_to(submitted).parts), str(p))):
        target = folder / path.name
        if not target.exists():
            shutil.copyfile(path, target)
            copied.append(target)
    return copied


def run_grading(source: Path, work: Path, start_methods: str) -> str:
    """Run pytest with the plugin over the class of one; return the tail of its output."""
    katas = source / "katas"
    command = [sys.executable, "-m", "pytest", str(katas), "-q", "--mpkata-regrade"]
    command += ["--mpkata-submissions", str(work / "class"), "--mpkata-report", str(work / "report")]
    if start_methods:
        command += ["--mpkata-start-methods", start_methods]
    try:
        completed = subprocess.run(
            command, cwd=source, capture_output=True, text=True, timeout=grading_budget(katas), check=False
        )
    except subprocess.TimeoutExpired:
        return "grading stopped: over its time budget"
    lines = (completed.stdout + completed.stderr).splitlines()
    return "\n".join(lines[-OUTPUT_TAIL_LINES:])


def grading_budget(katas: Path) -> float:
    """Seconds the whole grading may take: every run at its limit, three start methods, a margin."""
    return sum(3 * kata.time_limit for kata in load_catalogue(katas)) + RUN_MARGIN


def failed_results(reason: str) -> dict[str, object]:
    """A results.json that gives no points and says the autograder, not the learner, failed."""
    return {
        "score": 0,
        "output": FAILED_OUTPUT.format(reason=reason),
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": [],
    }


def _read_config(path: Path) -> dict[str, object]:
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return config if isinstance(config, dict) else {}


if __name__ == "__main__":
    sys.exit(main())
