"""Helpers shared by the plugin's tests: hand-made run results and learner folders."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

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
