"""A run the grader could not supervise is the grader's failure: retried once, then a grader error.

The supervisor writing no verdict happens on a loaded machine (an internal failure, not the
program's); here the runner's call to it is made to fail, the first time or every time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pytest_mpkata import checks
from pytest_mpkata.judge.statuses import GRADER_ERROR
from pytest_mpkata.judge.stops import stop_of
from pytest_mpkata.run import protocol, runner
from pytest_mpkata.run.runner import RunRequest, run_program
from pytest_mpkata.trace.builder import build_result
from pytest_mpkata.trace.model import RunResult

HELLO = 'print("hello")\n'
NO_VERDICT = {
    protocol.VERDICT_REASON: protocol.SUPERVISOR_FAILED,
    protocol.VERDICT_EXIT_CODE: None,
    protocol.VERDICT_ERROR: "the supervisor wrote no verdict",
}


def failing(times: int, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make the supervisor fail its first ``times`` runs; return the list of calls made."""
    real, calls = runner._supervise, []

    def supervise(spec: dict[str, Any], run_dir: Path) -> dict[str, Any]:
        calls.append(1)
        return dict(NO_VERDICT) if len(calls) <= times else real(spec, run_dir)

    monkeypatch.setattr(runner, "_supervise", supervise)
    return calls


def run_hello(folder: Path) -> RunResult:
    (folder / "hello.py").write_text(HELLO)
    return build_result(run_program(RunRequest(folder / "hello.py"), folder))


def test_a_run_the_supervisor_failed_once_is_run_again_and_judged_as_usual(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = failing(1, monkeypatch)

    result = run_hello(tmp_path)

    assert len(calls) == 2
    assert result.reason == protocol.EXITED and result.stdout == "hello\n"
    assert checks.ran_cleanly(result) is None


def test_a_run_the_supervisor_failed_twice_is_a_grader_error_that_blames_no_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = failing(2, monkeypatch)

    result = run_hello(tmp_path)

    assert len(calls) == 2
    stop = stop_of(result)
    assert stop is not None and stop.status == GRADER_ERROR
    message = checks.ran_cleanly(result)
    assert message == (
        "The grader could not run your program (the supervisor wrote no verdict), twice. "
        "This is not your mistake and costs you no points; your instructor has been told."
    )
