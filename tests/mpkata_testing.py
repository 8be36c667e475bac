"""Helpers shared by the plugin's tests: hand-made run results and outcomes, learner folders."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

from pytest_mpkata.judge.statuses import FAILED, PASSED, SKIPPED
from pytest_mpkata.session.outcome import CheckOutcome
from pytest_mpkata.trace.model import RunResult

ROOT = Path(__file__).resolve().parent.parent


def hand_made_result(**fields: Any) -> RunResult:
    """A clean run with nothing in it, changed by ``fields``: for runs too odd to start for real."""
    values: dict[str, Any] = dict(
        script_name="learner.py",
        start_method="spawn",
        reason="exited",
        exit_code=0,
        duration=0.5,
        main_pid=100,
        stdout="",
        stderr="",
        stdout_size=0,
        stderr_size=0,
        log_exists=False,
        log_size=0,
        log_path="/work/test.log",
        log_lines=(),
        processes=(),
        pools=(),
        tasks=(),
        threads=(),
        logs=(),
        exceptions=(),
    )
    values.update(fields)
    return RunResult(**values)


def copy_katas(destination: Path, names: tuple[str, ...]) -> Path:
    """Copy real kata folders, starters untouched, into a learner's ``katas`` folder."""
    for name in names:
        shutil.copytree(ROOT / "katas" / name, destination / "katas" / name)
    return destination / "katas"


def solve(katas: Path, folder: str) -> None:
    """Replace a kata's learner file by the reference solution."""
    kata_id = folder.split("_", 1)[1]
    shutil.copyfile(ROOT / "solutions" / f"{kata_id}.py", katas / folder / f"{kata_id}.py")


def check_outcome(
    check: str = "test_log_file",
    method: str = "fork",
    status: str = "passed",
    *,
    submission: str = "alice",
    kata_id: str = "pool_map",
    message: str = "",
    picture: str = "",
    outcome: str | None = None,
    duration: float = 0.0,
    check_index: int = 0,
    kind: str = "",
) -> CheckOutcome:
    """The outcome of one check item, as a kata check's report carries it; its pytest outcome
    follows its status (``passed``, ``skipped``, else ``failed``) unless given."""
    if outcome is None:
        outcome = status if status in (PASSED, SKIPPED) else FAILED
    return CheckOutcome(
        submission=submission,
        kata_id=kata_id,
        check=check,
        start_method=method,
        outcome=outcome,
        status=status,
        message=message,
        picture=picture,
        duration=duration,
        check_index=check_index,
        kind=kind,
    )


PYTEST = [sys.executable, "-m", "pytest"]
"""The start of a pytest command line run as a subprocess, in this virtual environment."""


def batch_args(
    *paths: str | Path,
    submissions: str | Path = "class",
    report: str | Path | None = "out",
    methods: str | None = None,
    time_limit: str | None = None,
) -> list[str]:
    """The arguments of a batch grading (after ``pytest``): katas, a class of submissions, a report."""
    args = [
        *(str(path) for path in paths),
        "-p",
        "no:cacheprovider",
        "--mpkata-submissions",
        str(submissions),
    ]
    if report is not None:
        args += ["--mpkata-report", str(report)]
    if methods is not None:
        args += ["--mpkata-start-methods", methods]
    if time_limit is not None:
        args += ["--mpkata-time-limit", time_limit]
    return args
