"""Shared fixtures of the plugin's own tests: run a small learner program for real."""

from __future__ import annotations

import os
import sys
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pytest_mpkata.run.runner import START_METHODS, RawRun, RunLimits, RunRequest, run_program
from pytest_mpkata.settings import unavailable_reason
from pytest_mpkata.trace import RunResult, build_result

IS_LINUX = sys.platform.startswith("linux")
MARKER_VARIABLE = "MPKATA_TEST_MARKER"
SCRIPT_NAME = "learner.py"


def pytest_configure(config: pytest.Config) -> None:
    """The project's own tests list every outcome but passes at the end (``-ra``); a learner's
    ``pytest katas`` keeps pytest's default, which the plugin shortens to its progress summary."""
    if config.option.reportchars == "fE":
        config.option.reportchars = "a"


def _start_method_params() -> list[Any]:
    params = []
    for method in START_METHODS:
        reason = unavailable_reason(method)
        marks = [pytest.mark.skip(reason=reason)] if reason else []
        params.append(pytest.param(method, id=method, marks=marks))
    return params


def processes_marked_with(marker: str) -> set[int]:
    """Pids of live processes whose environment, working directory or command line name it."""
    found: set[int] = set()
    if not IS_LINUX:
        return found
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) != os.getpid() and _names(int(entry), marker):
            found.add(int(entry))
    return found


def _names(pid: int, marker: str) -> bool:
    wanted = marker.encode()
    for name in ("environ", "cmdline"):
        try:
            with open(f"/proc/{pid}/{name}", "rb") as handle:
                if wanted in handle.read():
                    return True
        except OSError:
            continue
    try:
        return os.path.join(os.readlink(f"/proc/{pid}/cwd"), "").startswith(marker)
    except OSError:
        return False


@dataclass
class ProgramRunner:
    """Write a learner program into a test's folder, run it for real, and build its RunResult.

    Every process of a run carries the folder's path in its environment and working
    directory, so ``survivors()`` finds any process of it still alive.
    """

    folder: Path
    last_raw: RawRun | None = None

    @property
    def marker(self) -> str:
        """The folder with a trailing separator, so ``test_x1`` never matches ``test_x10``."""
        return os.path.join(str(self.folder), "")

    def run(self, source: str, start_method: str | None = None, **limits: Any) -> RunResult:
        """Run ``source`` (dedented) under ``start_method`` with the given ``RunLimits`` fields."""
        limits.setdefault("time_limit", 10.0)
        script = self.folder / SCRIPT_NAME
        script.write_text(textwrap.dedent(source), encoding="utf-8")
        request = RunRequest(
            script=script,
            start_method=start_method,
            limits=RunLimits(**limits),
            extra_env={MARKER_VARIABLE: self.marker},
        )
        self.last_raw = run_program(request, base_dir=self.folder)
        return build_result(self.last_raw)

    def survivors(self) -> set[int]:
        """Pids of this test's processes still alive (Linux; empty elsewhere)."""
        return processes_marked_with(self.marker)


@pytest.fixture
def learner_program(tmp_path: Path) -> Iterator[ProgramRunner]:
    """Run small learner programs under the supervisor and tracer; fail if a process survives."""
    runner = ProgramRunner(tmp_path)
    assert runner.survivors() == set()
    yield runner
    assert runner.survivors() == set(), "a process of the learner's program outlived its run"


@pytest.fixture(params=_start_method_params())
def start_method(request: pytest.FixtureRequest) -> str:
    """Each start method this platform offers: fork, spawn, forkserver."""
    method: str = request.param
    return method


@pytest.fixture
def processes_naming() -> Callable[[str], set[int]]:
    """Find live processes whose environment, working directory or command line names a marker."""
    return processes_marked_with
