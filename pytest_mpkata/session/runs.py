"""Run learner programs for kata checks: one run per (submission, kata, start method).

``RunCache`` runs each program once and hands the same ``RunResult`` to all the
checks of that kata under that start method; ``KataRun`` is what a kata test
receives, with ``expect(check, ...)`` to apply a check.
"""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Optional

import pytest

from pytest_mpkata.judge.findings import kind_of
from pytest_mpkata.judge.stops import speaks_after_stop, stop_of
from pytest_mpkata.kata.catalogue import Kata
from pytest_mpkata.run.runner import RunLimits, RunRequest, run_program
from pytest_mpkata.trace.builder import build_result
from pytest_mpkata.trace.model import RunResult

NOT_SUBMITTED = (
    "{kata_id}: not submitted. Expected a file named {file_name} in {folder}; name your file "
    "exactly {file_name}."
)
Check = Callable[..., Optional[str]]


@dataclass(frozen=True)
class KataTarget:
    """Which program one check item runs: a submission's file for a kata, under a start method."""

    kata: Kata
    submission: str
    script: Path
    start_method: str

    @property
    def is_notebook(self) -> bool:
        return self.script.suffix == ".ipynb"

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.submission, self.kata.kata_id, self.start_method)

    @property
    def group(self) -> str:
        """The xdist group: a whole submission (batch) or a whole kata lands on one worker.

        All checks of one run must share a worker, so the run happens once; groups as large
        as a submission also keep xdist's scheduler from stalling between many tiny groups,
        and let each submission's reports be written as soon as its worker is done.
        """
        scope = self.submission or self.kata.kata_id
        return f"mpkata-{hashlib.sha1(scope.encode()).hexdigest()[:12]}"


class RunCache:
    """Run each target once; forget the result when its last check has used it."""

    def __init__(
        self,
        make_request: Callable[[KataTarget], RunRequest],
        on_finished: Callable[[KataTarget, RunResult], None],
        base_dir: Path | None = None,
        keep: bool = False,
    ) -> None:
        self._make_request = make_request
        self._on_finished = on_finished
        self._base_dir = base_dir
        self._keep = keep
        self._results: dict[tuple[str, str, str], RunResult] = {}
        self._uses_left: dict[tuple[str, str, str], int] = {}
        self._unrunnable: dict[tuple[str, str, str], Exception] = {}
        self._advised: set[tuple[str, str]] = set()

    def expect_uses(self, target: KataTarget, count: int = 1) -> None:
        self._uses_left[target.key] = self._uses_left.get(target.key, 0) + count

    def result_for(self, target: KataTarget) -> RunResult:
        if target.key in self._unrunnable:
            raise self._unrunnable[target.key]
        if target.key not in self._results:
            try:
                request = self._make_request(target)
            except Exception as error:
                if not _is_notebook_error(error):
                    raise
                self._unrunnable[target.key] = error
                raise
            raw = run_program(request, self._base_dir, keep=self._keep)
            self._results[target.key] = build_result(raw)
            self._on_finished(target, self._results[target.key])
        return self._results[target.key]

    def advise_on_notebook(self, target: KataTarget) -> None:
        """Once per notebook answer: warn if it would fail in Jupyter under spawn."""
        key = (target.submission, target.kata.kata_id)
        if key in self._advised:
            return
        self._advised.add(key)
        advice = kernel_style_advice(target, self._base_dir)
        if advice is not None:
            warnings.warn(NotebookAdvice(advice), stacklevel=1)

    def release(self, target: KataTarget) -> None:
        left = self._uses_left.get(target.key, 1) - 1
        self._uses_left[target.key] = left
        if left <= 0:
            self._results.pop(target.key, None)


def default_request(target: KataTarget, time_limit: float | None) -> RunRequest:
    """The run a check item needs; a notebook is first turned into the kata's program."""
    limits = RunLimits(time_limit=time_limit or target.kata.time_limit)
    source = None
    if target.is_notebook:
        source = notebook_program(target).source
    return RunRequest(
        script=target.script,
        start_method=target.start_method,
        limits=limits,
        script_name=target.kata.file_name,
        source=source,
    )


def notebook_program(target: KataTarget) -> Any:
    """Extract this kata's answer from the notebook (raises NotebookError with a learner message)."""
    require_notebook_support()
    from pytest_mpkata.kata.catalogue import load_catalogue
    from pytest_mpkata.notebook.program import KataQuestions, extract_program

    katas = load_catalogue(target.kata.directory.parent) or (target.kata,)
    questions = {k.kata_id: KataQuestions(k.kata_id, k.questions, k.question_text) for k in katas}
    return extract_program(target.script, target.kata.kata_id, questions)


NOTEBOOK_NEEDS_NBFORMAT = (
    'Grading a notebook needs nbformat, which is not installed: pip install "pytest-mpkata[notebook]"'
)


class NotebookSupportMissing(pytest.PytestWarning):
    """A notebook was handed in, and the notebook extra (nbformat) is not installed."""


_warned_missing_support = False


def require_notebook_support() -> None:
    """Fail this kata's checks with the install line (warned once per process), never a traceback."""
    global _warned_missing_support
    try:
        import nbformat  # noqa: F401
    except ImportError:
        pass
    else:
        return
    from pytest_mpkata.notebook.program import NotebookError

    if not _warned_missing_support:
        _warned_missing_support = True
        warnings.warn(NotebookSupportMissing(NOTEBOOK_NEEDS_NBFORMAT), stacklevel=2)
    raise NotebookError(NOTEBOOK_NEEDS_NBFORMAT)


class KataRun:
    """One learner program's run, as a kata check sees it."""

    def __init__(self, target: KataTarget, load: Callable[[], RunResult]) -> None:
        self.target = target
        self._load = load
        self._result: RunResult | None = None
        self.failure: str | None = None
        self.failure_kind = ""
        self.notebook_problem: Exception | None = None

    @property
    def submitted(self) -> bool:
        return self.target.script.is_file()

    @property
    def result(self) -> RunResult:
        """The run's result (the program runs on first access, once for all checks)."""
        __tracebackhide__ = True
        if self._result is None:
            self._require_submission()
            try:
                self._result = self._load()
                if self.target.is_notebook:
                    self._result = in_notebook_terms(self._result, self.target)
            except Exception as error:
                if not _is_notebook_error(error):
                    raise
                self.notebook_problem = error
                self.failure = str(getattr(error, "message", error))
                self.failure_kind = "notebook_" + type(error).__name__
                pytest.fail(self.failure, pytrace=False)
        return self._result

    def _require_submission(self) -> None:
        __tracebackhide__ = True
        if not self.submitted:
            self.failure_kind = "not_submitted"
            self.failure = NOT_SUBMITTED.format(
                kata_id=self.target.kata.kata_id,
                file_name=self.target.kata.file_name,
                folder=self.target.script.parent,
            )
            pytest.fail(self.failure, pytrace=False)

    def expect(self, check: Check, *args: Any, **kwargs: Any) -> None:
        """Apply a check; fail the test with its message if it finds a problem."""
        __tracebackhide__ = True
        result = self.result
        stop = stop_of(result)
        if stop is not None and not speaks_after_stop(check):
            message: str | None = stop.not_reached
        else:
            message = check(result, *args, **kwargs)
        if message is not None:
            self.failure_kind = kind_of(message, default=getattr(check, "__name__", "check"))
            self.failure = message + self._notebook_notes()
            pytest.fail(self.failure, pytrace=False)

    def _notebook_notes(self) -> str:
        if not self.target.is_notebook:
            return ""
        notes = notebook_program(self.target).notes
        return "".join(f"\nNotebook: {note}" for note in notes)

    @property
    def status(self) -> str:
        """How a failed check is graded: missing, timeout, error or failed.

        A function of how the run ended, never of timing: no file is ``missing``; a program
        that could not be built, a crash or a non-zero exit is ``error``; a stopped run takes
        its stop's status (``judge.stops``); a run that ended cleanly is ``failed``.
        """
        if not self.submitted or type(self.notebook_problem).__name__ == "NotebookNotAnswered":
            return "missing"
        if self._result is None:
            return "error"
        stop = stop_of(self._result)
        if stop is not None:
            return stop.status
        if self._result.exit_code != 0:
            return "error"
        return "failed"


def in_notebook_terms(result: RunResult, target: KataTarget) -> RunResult:
    """Point tracebacks and error lines at notebook cells, not at the generated program's lines."""
    from pytest_mpkata.notebook.program import rewrite_traceback

    program = notebook_program(target)
    file_name = target.kata.file_name

    def cell_of(line: str | None) -> str | None:
        path, _, number = (line or "").rpartition(":")
        if not path.endswith(file_name) or not number.isdigit():
            return line
        origins = program.line_origins
        cell, cell_line = origins[int(number) - 1] if 0 < int(number) <= len(origins) else (0, 0)
        return f"notebook cell {cell}:{cell_line}" if cell else line

    exceptions = tuple(replace(e, line=cell_of(e.line)) for e in result.exceptions)
    stderr = rewrite_traceback(result.stderr, program, file_name)
    return replace(result, stderr=stderr, exceptions=exceptions)


class NotebookAdvice(pytest.PytestWarning):
    """Advice about a notebook answer that works here but would fail inside Jupyter elsewhere."""


def kernel_style_advice(target: KataTarget, base_dir: Path | None) -> str | None:
    """Run the answer as a Jupyter kernel would, under spawn; advise if it would break there."""
    from pytest_mpkata.judge import checks
    from pytest_mpkata.notebook.program import (
        KERNEL_SPAWN_ADVICE,
        kernel_style_program,
        notebook_defined_targets,
    )

    program = notebook_program(target)
    request = RunRequest(
        script=target.script,
        start_method="spawn",
        script_name=target.kata.file_name,
        limits=RunLimits(time_limit=min(target.kata.time_limit, 5.0)),
        source=kernel_style_program(program),
    )
    result = build_result(run_program(request, base_dir))
    if checks.ran_cleanly(result) is None:
        return None
    names = notebook_defined_targets(program) or ("your function",)
    return f"{target.kata.kata_id}: " + KERNEL_SPAWN_ADVICE.format(name=names[0])


def _is_notebook_error(error: Exception) -> bool:
    return any(cls.__name__ == "NotebookError" for cls in type(error).__mro__)


def with_time_limit(request: RunRequest, seconds: float) -> RunRequest:
    return replace(request, limits=replace(request.limits, time_limit=seconds))
