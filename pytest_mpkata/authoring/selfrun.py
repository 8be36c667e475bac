"""What only running the checks proves: every starter fails, every reference solution passes,
and a starter handed out broken fails with the message that teaches its bug.

One pytest session, in a subprocess, grades two submissions (the untouched starters, the
reference solutions) against every kata under every available start method; the
problems are read from its grade book with the grade stage's own reader (``grade.reports``).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pytest_mpkata.authoring.sync import Repository
from pytest_mpkata.grade.reports import GRADES_JSON, load_grades
from pytest_mpkata.judge.statuses import FAILED
from pytest_mpkata.kata.catalogue import Kata

__all__ = [
    "NOTHING_RAN",
    "PYTEST_BROKE",
    "SOLUTION_FAILS",
    "STARTER_PASSES",
    "STARTER_SILENT",
    "Outcome",
    "read_grades",
    "run_catalogue",
]

STARTER = "starter"
SOLUTION = "solution"
RUN_TIMEOUT = 900.0
STARTER_PASSES = "{path}: the untouched starter passes every check; leave the learner something to do"
STARTER_SILENT = (
    "{path}: starts broken, yet no failure of the untouched starter says {shows!r}; make its bug "
    "show in the run, or its message name it"
)
SOLUTION_FAILS = "{path}: fails {check} under {method}: {message}; fix the solution or the check"
NOTHING_RAN = "{path}: pytest ran none of its checks; run `pytest {folder}` to see why"
PYTEST_BROKE = "pytest {katas} could not run (exit code {code}): {output}"


@dataclass(frozen=True)
class Outcome:
    """One check item of the session: which kata, submission, check and start method, how it ended."""

    kata_id: str
    submission: str
    check: str
    method: str
    failure: str | None


def run_catalogue(katas_dir: Path) -> list[str]:
    """Run every kata's checks on its starter and its solution; one line per problem."""
    repo = Repository(katas_dir)
    katas = repo.catalogue()
    with tempfile.TemporaryDirectory(prefix="mpkata-check-") as work:
        submissions = _submissions(katas, Path(work) / "class")
        report = Path(work) / "grades"
        completed = _pytest(repo, submissions, report)
        if not (report / GRADES_JSON).is_file():
            output = (completed.stdout + completed.stderr).strip()[-400:]
            katas_path = repo.relative(katas_dir)
            return [PYTEST_BROKE.format(katas=katas_path, code=completed.returncode, output=output)]
        outcomes = read_grades(report)
    return [problem for kata in katas for problem in _kata_problems(repo, kata, outcomes[kata.kata_id])]


def _submissions(katas: Sequence[Kata], folder: Path) -> Path:
    """Two submissions: the untouched starters, the reference solutions."""
    for kata in katas:
        for name, program in ((STARTER, kata.starter), (SOLUTION, kata.solution)):
            (folder / name).mkdir(parents=True, exist_ok=True)
            if program.is_file():
                (folder / name / kata.file_name).write_bytes(program.read_bytes())
    return folder


def _pytest(repo: Repository, submissions: Path, report: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pytest", str(repo.katas_dir), "-q", "-p", "no:cacheprovider"]
    command += ["--mpkata-submissions", str(submissions), "--mpkata-report", str(report)]
    return subprocess.run(
        command, cwd=repo.root, capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False
    )


def read_grades(report: Path) -> defaultdict[str, list[Outcome]]:
    """The session's outcomes by kata id, one per (check, start method), from its grade book."""
    outcomes: defaultdict[str, list[Outcome]] = defaultdict(list)
    for submission, grade in load_grades(report).items():
        for kata in grade.katas:
            for failed in kata.failed_checks:
                for method in failed.start_methods:
                    failure = failed.message or FAILED
                    outcomes[kata.kata_id].append(
                        Outcome(kata.kata_id, submission, failed.check, method, failure)
                    )
            for passed in kata.passed_checks:
                for method in passed.start_methods:
                    outcomes[kata.kata_id].append(
                        Outcome(kata.kata_id, submission, passed.check, method, None)
                    )
    return outcomes


def _kata_problems(repo: Repository, kata: Kata, outcomes: Sequence[Outcome]) -> list[str]:
    starter = [o for o in outcomes if o.submission == STARTER]
    solution = [o for o in outcomes if o.submission == SOLUTION]
    if not starter or not solution:
        folder = repo.relative(kata.directory)
        return [NOTHING_RAN.format(path=repo.relative(kata.test_file), folder=folder)]
    problems = []
    if all(o.failure is None for o in starter):
        problems.append(STARTER_PASSES.format(path=repo.relative(kata.starter)))
    elif kata.starts_broken and not _says(starter, kata.starter_shows):
        problems.append(STARTER_SILENT.format(path=repo.relative(kata.starter), shows=kata.starter_shows))
    for outcome in solution:
        if outcome.failure is not None:
            message = outcome.failure.splitlines()[0][:200] if outcome.failure.strip() else FAILED
            facts = {"check": outcome.check, "method": outcome.method, "message": message}
            problems.append(SOLUTION_FAILS.format(path=repo.relative(kata.solution), **facts))
    return problems


def _says(outcomes: Sequence[Outcome], words: str) -> bool:
    """Whether some failure among ``outcomes`` says ``words`` (case aside)."""
    return any(words.lower() in (o.failure or "").lower() for o in outcomes)
