"""The plugin's own hooks, where an instructor's ``conftest.py`` can take part."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pytest_mpkata.grade.grades import KataGrade, KataInfo
    from pytest_mpkata.kata.catalogue import Kata
    from pytest_mpkata.run.runner import RunRequest
    from pytest_mpkata.session.outcome import CheckOutcome
    from pytest_mpkata.trace.model import RunResult

__all__ = [
    "pytest_mpkata_kata_graded",
    "pytest_mpkata_run_finished",
    "pytest_mpkata_run_request",
    "pytest_mpkata_score",
]


@pytest.hookspec(firstresult=True)
def pytest_mpkata_run_request(kata: Kata, request: RunRequest) -> RunRequest | None:
    """Adjust how a learner's program is run, before it runs.

    Return a changed copy (``dataclasses.replace(request, limits=...)``) to set other
    limits, extra environment variables or another start method.

    Called in pytest's own thread when the run starts, which with ``--mpkata-run-ahead`` may
    be before the item that needs it runs (the run itself then goes on in another thread).

    :param kata: The kata whose program is about to run.
    :param request: The run as the plugin would make it.

    Stops at first non-None result.
    """


@pytest.hookspec
def pytest_mpkata_run_finished(kata: Kata, submission: str, result: RunResult) -> None:
    """Receive the result of each run of a learner's program (in the process that ran it).

    Called in pytest's own thread, when the result is handed to the first item that needs it:
    in the order of the items, whether or not the run was started ahead. The second run of a
    kata with chosen inputs (``[inputs]`` in its kata.toml) is not reported here: its request
    still passes through ``pytest_mpkata_run_request``, with the chosen values in its ``source``.

    :param kata: The kata that was run.
    :param submission: The submission's name ("" for the learner's own files).
    :param result: What the program did.
    """


@pytest.hookspec(firstresult=True)
def pytest_mpkata_score(kata: KataInfo, outcomes: Sequence[CheckOutcome]) -> float | None:
    """Score one kata of one submission from its check outcomes (controller side).

    The default gives partial credit by the share of check items passed.

    :param kata: The kata, with its points (its maximum score).
    :param outcomes: Every check item of that kata for that submission.

    Stops at first non-None result.
    """


@pytest.hookspec
def pytest_mpkata_kata_graded(submission: str, grade: KataGrade) -> None:
    """Receive each kata's grade for each submission, as soon as it is known (controller side).

    :param submission: The submission's name.
    :param grade: Its score, status and failed checks for one kata.
    """
