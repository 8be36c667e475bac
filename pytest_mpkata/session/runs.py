"""Run learner programs for kata checks: one run per (submission, kata, start method).

``RunCache`` builds each learner program once (``session.program``), runs it once per start
method and hands the same ``RunResult`` to all the checks of that kata under that start
method; ``KataRun`` is what a kata test receives, with ``expect(check, ...)`` to apply a
check.  Every run goes through the ``pytest_mpkata_run_request`` hook, ``--mpkata-explain``'s
too.
"""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Optional

import pytest

from pytest_mpkata.judge.course import attempt_rank
from pytest_mpkata.judge.findings import kind_of
from pytest_mpkata.judge.stops import GRADER_ERROR, speaks_after_stop, stop_of
from pytest_mpkata.kata.catalogue import Kata
from pytest_mpkata.run.runner import RunRequest, run_program
from pytest_mpkata.session.program import NOT_SUBMITTED, LearnerProgram, build_program
from pytest_mpkata.session.runahead import RunAhead
from pytest_mpkata.trace.builder import build_result
from pytest_mpkata.trace.model import RunResult

__all__ = ["NOT_SUBMITTED", "KataRun", "KataTarget", "RunCache"]

Check = Callable[..., Optional[str]]

MANUAL = "graded by the instructor: an answer in words"
NO_WORDS = (
    "No answer in words to {questions} found in `{name}`: "
    'write it in a markdown cell under a heading "{label}.".'
)
NO_CODE = "The answer to {questions} has no code: only its words are graded."
REPAIRED_PASSES = "If those lines were comments, this check would pass."
REPAIRED_FAILS = "If those lines were comments, this check would still fail: {finding}"
GRADER_ERROR_MESSAGE = (
    "The check `{check}` could not judge your answer: the grader itself failed ({error}). This is "
    "not your mistake and costs you no points; your instructor has been told."
)


@dataclass(frozen=True)
class KataTarget:
    """Which program one check item runs: a submission's file for a kata, under a start method."""

    kata: Kata
    submission: str
    script: Path
    start_method: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.submission, self.kata.kata_id, self.start_method)

    @property
    def program_key(self) -> tuple[str, str]:
        return (self.submission, self.kata.kata_id)

    @property
    def group(self) -> str:
        """The xdist group: a whole submission (batch) or a whole kata lands on one worker.

        All checks of one run must share a worker, so the run happens once; groups as large
        as a submission also keep xdist's scheduler from stalling between many tiny groups,
        and let each submission's reports be written as soon as its worker is done.
        """
        scope = self.submission or self.kata.kata_id
        return f"mpkata-{hashlib.sha1(scope.encode()).hexdigest()[:12]}"


class NotebookAdvice(pytest.PytestWarning):
    """Advice, not graded: a notebook answer that would fail inside Jupyter elsewhere, or a check's note."""


class NotebookSupportMissing(pytest.PytestWarning):
    """A notebook was handed in, and the notebook extra (nbformat) is not installed."""


class RunCache:
    """Build each program once, run each target once; forget a result when its last check used it.

    With a run-ahead width above 1 (``--mpkata-run-ahead``), the runs that upcoming items need
    start in threads (``session.runahead``), in the order of the items; ``within_group`` keeps
    them to the current item's xdist group, the items an xdist worker is sure to run.
    """

    def __init__(
        self,
        make_request: Callable[[KataTarget, LearnerProgram], RunRequest],
        on_finished: Callable[[KataTarget, RunResult], None],
        base_dir: Path | None = None,
        keep: bool = False,
        sandbox: str = "off: not requested",
        run_ahead: int = 0,
        within_group: bool = False,
    ) -> None:
        self._make_request = make_request
        self._sandbox = sandbox
        self._on_finished = on_finished
        self._base_dir = base_dir
        self._keep = keep
        self._programs: dict[tuple[str, str], LearnerProgram] = {}
        self._results: dict[tuple[str, str, str], RunResult] = {}
        self._uses_left: dict[tuple[str, str, str], int] = {}
        self._advised: set[tuple[str, str]] = set()
        self._explained: set[tuple[str, str, str]] = set()
        self._ahead: RunAhead[tuple[str, str, str], RunResult] | None = (
            RunAhead(run_ahead) if run_ahead > 1 else None
        )
        self._within_group = within_group
        self._upcoming: list[KataTarget] = []
        self._position: dict[tuple[str, str, str], int] = {}
        self._handed_over: set[tuple[str, str, str]] = set()
        self._attempts: dict[tuple[str, str, str], LearnerProgram] = {}

    def expect_uses(self, target: KataTarget, count: int = 1, will_run: bool = True) -> None:
        """Count an item that will use the target's run (``will_run``: an item that is not skipped)."""
        self._uses_left[target.key] = self._uses_left.get(target.key, 0) + count
        if will_run and target.key not in self._position:
            self._position[target.key] = len(self._upcoming)
            self._upcoming.append(target)

    def program_for(self, target: KataTarget) -> LearnerProgram:
        if target.program_key not in self._programs:
            program = build_program(target.kata, target.script)
            if program.problem_kind == "notebook_support_missing" and not self._programs_missing_support():
                warnings.warn(NotebookSupportMissing(program.problem), stacklevel=1)
            self._programs[target.program_key] = program
        return self._programs[target.program_key]

    def _programs_missing_support(self) -> bool:
        return any(p.problem_kind == "notebook_support_missing" for p in self._programs.values())

    def result_for(self, target: KataTarget, repaired: bool = False) -> RunResult:
        """The run of the target's program (or of its repaired program), once for all its checks."""
        if target.key not in self._results:
            program = self.program_for(target)
            program = program.repaired if repaired and program.repaired is not None else program
            if program.attempts:
                result = self._best_attempt(target, program)
            elif self._ahead is None:
                raw = run_program(self._make_request(target, program), self._base_dir, keep=self._keep)
                result = build_result(raw)
            else:
                result = self._handed_over_ahead(target, program)
            self._results[target.key] = program.located(result)
            self._on_finished(target, self._results[target.key])
        return self._results[target.key]

    def _best_attempt(self, target: KataTarget, program: LearnerProgram) -> RunResult:
        """Run every attempt at the question; keep the one that gets furthest (the last, on a tie)."""
        runs = []
        for attempt in program.attempts:
            raw = run_program(self._make_request(target, attempt), self._base_dir, keep=self._keep)
            runs.append((attempt, build_result(raw)))
        best = max(range(len(runs)), key=lambda index: (attempt_rank(runs[index][1]), index))
        self._attempts[target.key] = runs[best][0]
        return runs[best][1]

    def attempt_graded(self, target: KataTarget) -> Optional[LearnerProgram]:
        """The attempt whose run counts for the target, when the answer holds several."""
        return self._attempts.get(target.key)

    def _handed_over_ahead(self, target: KataTarget, program: LearnerProgram) -> RunResult:
        assert self._ahead is not None
        if not self._ahead.started(target.key):
            self._start_ahead(target, program)
        self._run_ahead_after(target)
        self._handed_over.add(target.key)
        return self._ahead.result(target.key)

    def _run_ahead_after(self, target: KataTarget) -> None:
        """Start the runs of the next items until ``width`` runs are started and not handed over."""
        assert self._ahead is not None
        for upcoming in self._upcoming[self._position.get(target.key, len(self._upcoming)) + 1 :]:
            if self._ahead.held >= self._ahead.width:
                return
            if self._within_group and upcoming.group != target.group:
                return
            if upcoming.key in self._handed_over or self._ahead.started(upcoming.key):
                continue
            program = self._program_its_checks_run(upcoming)
            if program is not None:
                self._start_ahead(upcoming, program)

    def _program_its_checks_run(self, target: KataTarget) -> LearnerProgram | None:
        """The program a target's checks will run (as ``KataRun.result`` decides), if they run one."""
        program = self.program_for(target)
        if program.repaired is not None:
            return program.repaired
        if program.attempts:
            return None  # every attempt runs when its first item needs it
        answered_in_code = target.kata.answer != "words" and not program.code_absent
        return program if program.runnable and answered_in_code else None

    def _start_ahead(self, target: KataTarget, program: LearnerProgram) -> None:
        """Make the request here (the run-request hook runs in pytest's thread); run it in a thread."""
        assert self._ahead is not None
        request = self._make_request(target, program)
        base_dir, keep = self._base_dir, self._keep

        def run() -> RunResult:
            return build_result(run_program(request, base_dir, keep=keep))

        self._ahead.start(target.key, run, alone=target.kata.runs_alone)

    def close(self) -> None:
        """Stop runs started ahead that no item took (Ctrl-C, ``-x``), and their servers."""
        if self._ahead is not None:
            self._ahead.close()

    def release(self, target: KataTarget) -> None:
        left = self._uses_left.get(target.key, 1) - 1
        self._uses_left[target.key] = left
        if left <= 0:
            self._results.pop(target.key, None)
            if self._ahead is not None and target.key not in self._handed_over:
                self._ahead.discard(target.key)  # started ahead for items that did not take it
                self._handed_over.add(target.key)

    def advise_on_notebook(self, target: KataTarget) -> None:
        """Once per notebook answer: warn if it would fail in Jupyter under spawn."""
        program = self.program_for(target)
        request = program.kernel_style_request()
        if request is None or target.program_key in self._advised:
            return
        self._advised.add(target.program_key)
        from pytest_mpkata import checks

        result = build_result(run_program(replace(request, sandbox=self._sandbox), self._base_dir))
        if checks.ran_cleanly(result) is not None:
            warnings.warn(NotebookAdvice(program.kernel_advice()), stacklevel=1)

    def explain(self, target: KataTarget) -> Optional[str]:
        """Once per run: the program's source with the processes that ran each line."""
        program = self.program_for(target)
        if target.key in self._explained or not program.runnable:
            return None
        self._explained.add(target.key)
        from pytest_mpkata.judge.explain import render
        from pytest_mpkata.run.coverage_run import run_with_coverage

        raw, lines = run_with_coverage(self._make_request(target, program), self._base_dir)
        return render(program.text(), build_result(raw), lines)


class KataRun:
    """One learner program's run, as a kata check sees it."""

    def __init__(self, target: KataTarget, cache: RunCache) -> None:
        self.target = target
        self.program = cache.program_for(target)
        self._cache = cache
        self._result: RunResult | None = None
        self.failure: str | None = None
        self.failure_kind = ""
        self.manual_answer = ""
        """The answer in words this item hands to the instructor (status ``manual``)."""
        self.repaired_verdict: str | None = None
        """For an answer that does not run as handed in: what its checks found once repaired."""
        self.grader_error = False
        """A check raised: the grader's fault, reported as ``grader error``, never the learner's."""

    @property
    def submitted(self) -> bool:
        return not self.program.missing

    @property
    def result(self) -> RunResult:
        """The run's result (the program runs on first access, once for all checks)."""
        __tracebackhide__ = True
        if self._result is None:
            if self.program.repaired is not None:
                self._result = self._cache.result_for(self.target, repaired=True)
            elif not self.program.runnable:
                self.failure, self.failure_kind = self.program.problem, self.program.problem_kind
                pytest.fail(self.failure, pytrace=False)
            else:
                self._result = self._cache.result_for(self.target)
                self.program = self._cache.attempt_graded(self.target) or self.program
        return self._result

    def expect_answer_in_words(self) -> None:
        """Hand the answer in words to the instructor: the item is skipped with status ``manual``."""
        __tracebackhide__ = True
        if self.program.problem and not self.program.missing and not self.program.words:
            self.failure, self.failure_kind = self.program.problem, self.program.problem_kind
            pytest.fail(self.failure, pytrace=False)
        if not self.program.words:
            self.failure_kind = "no_answer_in_words"
            questions = self.target.kata.questions or (self.target.kata.kata_id,)
            self.failure = NO_WORDS.format(
                questions=" or ".join(questions), name=self.target.script.name, label=questions[0]
            )
            self.program = replace(self.program, missing=True)
            pytest.fail(self.failure, pytrace=False)
        self.manual_answer = self.program.words
        pytest.skip(MANUAL)

    def expect_code_if_any(self, check: Check, *args: Any, **kwargs: Any) -> None:
        """Apply a check to the answer's code; an answer without code skips it (the code is optional)."""
        __tracebackhide__ = True
        if self.program.code_absent:
            pytest.skip(NO_CODE.format(questions=" or ".join(self.target.kata.questions) or "it"))
        self.expect(check, *args, **kwargs)

    def explanation(self) -> Optional[str]:
        """The source with the processes that ran each line (once per run; ``--mpkata-explain``)."""
        return self._cache.explain(self.target)

    def expect(self, check: Check, *args: Any, **kwargs: Any) -> None:
        """Apply a check; fail the test with its message if it finds a problem.

        A run that was stopped early is judged by its root cause (``judge.stops``): checks
        other than those that explain the stop report "not judged", the same every time.
        """
        __tracebackhide__ = True
        result = self.result
        stop = stop_of(result)
        if stop is not None and not speaks_after_stop(check):
            message: str | None = stop.not_reached
        else:
            message = self._judged(check, result, *args, **kwargs)
        if message is not None and self.program.repaired is not None:
            self.repaired_verdict = message
            self.fail_as_handed_in()
        if message is not None:
            self.failure_kind = kind_of(message, default=getattr(check, "__name__", "check"))
            self.failure = self.program.message(message)
            pytest.fail(self.failure, pytrace=False)

    def advise(self, check: Check, *args: Any, **kwargs: Any) -> None:
        """Apply a check as advice: what it finds goes to the feedback's advice, never into the grade."""
        result = self.result
        try:
            message = None if stop_of(result) else check(result, *args, **kwargs)
        except Exception:  # advice that cannot be given is not given
            return
        if message is not None:
            warnings.warn(NotebookAdvice(f"{self.target.kata.kata_id}: {message}"), stacklevel=1)

    def _judged(self, check: Check, result: RunResult, *args: Any, **kwargs: Any) -> Optional[str]:
        """The check's finding; a check that raises fails the item as a grader error instead."""
        __tracebackhide__ = True
        try:
            return check(result, *args, **kwargs)
        except Exception as error:  # a bug in the check: never the learner's verdict
            self.grader_error, self.failure_kind = True, "grader_error"
            name = getattr(check, "__name__", "check")
            self.failure = GRADER_ERROR_MESSAGE.format(check=name, error=f"{type(error).__name__}: {error}")
            pytest.fail(self.failure, pytrace=False)

    def fail_as_handed_in(self) -> None:
        """An answer that does not run as handed in fails every check, saying what repair would give."""
        __tracebackhide__ = True
        if self.repaired_verdict is None:
            after = REPAIRED_PASSES
        else:
            after = REPAIRED_FAILS.format(finding=self.repaired_verdict)
        self.failure_kind = self.program.problem_kind
        self.failure = f"{self.program.problem} {after}"
        pytest.fail(self.failure, pytrace=False)

    @property
    def handed_in_broken(self) -> bool:
        """The answer does not run as handed in; its checks ran on the repaired program."""
        return self.program.repaired is not None

    @property
    def status(self) -> str:
        """How a failed check is graded: missing, grader error, timeout, error or failed.

        A function of how the run ended, never of timing: nothing handed in is ``missing``; a
        program that could not be built, a crash or a non-zero exit is ``error``; a stopped run
        takes its stop's status (``judge.stops``); a run that ended cleanly is ``failed``.
        """
        if self.manual_answer:
            return "manual"
        if self.grader_error:
            return GRADER_ERROR
        if self.program.missing:
            return "missing"
        if self._result is None or self.handed_in_broken:
            return "error"
        stop = stop_of(self._result)
        if stop is not None:
            return stop.status
        if self._result.exit_code != 0:
            return "error"
        return "failed"
