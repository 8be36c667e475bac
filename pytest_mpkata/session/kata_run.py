"""What a kata check receives: one learner program's run, with ``expect(check)`` to judge it.

``KataRun`` asks the ``RunCache`` (``session.runs``) for its run on first use, and turns what a
check finds into the item's failure: a run whose trace contradicts the system fails as
``tampered``, a stopped run reports its root cause, a check that raises is a grader error.
"""

from __future__ import annotations

import warnings
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Callable, Optional, Protocol

import pytest

from pytest_mpkata.judge.central import missing_act
from pytest_mpkata.judge.crosscheck import tampered
from pytest_mpkata.judge.findings import Finding, joined, kind_of
from pytest_mpkata.judge.idle import run_was_idle
from pytest_mpkata.judge.statuses import ERROR, FAILED, GRADER_ERROR, MANUAL, MISSING, NOT_STARTED
from pytest_mpkata.judge.stops import speaks_after_stop, stop_of
from pytest_mpkata.kata.inputs import InputNotNamed, describe
from pytest_mpkata.session.targets import KataTarget
from pytest_mpkata.trace.model import RunResult

if TYPE_CHECKING:
    from pytest_mpkata.session.program import LearnerProgram

__all__ = ["KataRun", "NotebookAdvice"]

Check = Callable[..., Optional[str]]

NOTHING_DONE = (
    "Your program ran and did nothing: it started no process, logged nothing and printed nothing, "
    "so there is nothing to check and no point to give yet. Start with step 1 of the kata's README."
)
NOT_STARTED_KIND = "not_started"
"""The kind of every finding of a run that did nothing (the untouched starter)."""


class Runs(Protocol):
    """What a ``KataRun`` asks of the session's runs (``session.runs.RunCache``)."""

    def program_for(self, target: KataTarget) -> LearnerProgram: ...

    def result_for(self, target: KataTarget, repaired: bool = False) -> RunResult: ...

    def attempt_graded(self, target: KataTarget) -> Optional[LearnerProgram]: ...

    def chosen_result_for(self, target: KataTarget) -> RunResult: ...

    def explain(self, target: KataTarget) -> Optional[str]: ...


CHOSEN_RUN = "Run again with {chosen}:"
CHOSEN_PICTURE = "(the second run, with {chosen})\n"
"""What every finding of the run with the checker's inputs starts with."""
NOTEBOOK_FIXES_NO_INPUT = (
    "not checked with other inputs: the notebook's question names no {names}, the kata's statement does"
)
INPUT_NOT_NAMED_KIND = "input_not_named"
"""The kind of finding of a program whose input constant the checker could not find."""
GRADED_BY_INSTRUCTOR = "graded by the instructor: an answer in words"
UNREADABLE_RUN = (
    "What your program left behind (its trace records) could not be read, so this check could not "
    "judge it ({error}). Run it as a plain program and make sure it does not write to the trace."
)
UNREADABLE_ERRORS = (TypeError, ValueError, KeyError, IndexError, AttributeError, RecursionError)
"""What a malformed record makes the builder or a check raise; a kata author's assert is not one."""
UNREADABLE_CHARS = 300
UNREADABLE_PICTURE = "(no picture: the run's trace records could not be read, {error})"
NO_WORDS = (
    "No answer in words to {questions} found in `{name}`: "
    'write it in a markdown cell under a heading "{label}.".'
)
NO_ANSWER_IN_WORDS = "no_answer_in_words"
"""The kind of finding for a question whose answer in words is not there."""
NO_CODE = "The answer to {questions} has no code: only its words are graded."
REPAIRED_PASSES = "If those lines were comments, this check would pass."
REPAIRED_FAILS = "If those lines were comments, this check would still fail: {finding}"
GRADER_ERROR_MESSAGE = (
    "The check `{check}` could not judge your answer: the grader itself failed ({error}). This is "
    "not your mistake and costs you no points; your instructor has been told."
)


class NotebookAdvice(pytest.PytestWarning):
    """Advice, not graded: a notebook answer that would fail inside Jupyter elsewhere, or a check's note."""


class KataRun:
    """One learner program's run, as a kata check sees it."""

    def __init__(self, target: KataTarget, cache: Runs) -> None:
        self.target = target
        self.program = cache.program_for(target)
        self._cache = cache
        self._result: RunResult | None = None
        self._chosen_failed: RunResult | None = None
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
    def result_if_ran(self) -> Optional[RunResult]:
        """The run's result if a check already ran the program; never starts it."""
        return self._result

    @property
    def pictured(self) -> Optional[RunResult]:
        """The run a failure is about: the second run when a check of it failed, else the first."""
        return self._result if self._chosen_failed is None else self._chosen_failed

    @property
    def picture_note(self) -> str:
        """What the picture of a failure says first: which inputs its run had, when they were chosen."""
        if self._chosen_failed is None:
            return ""
        return CHOSEN_PICTURE.format(chosen=describe(self.target.kata.inputs))

    @property
    def idle(self) -> Optional[bool]:
        """Whether the program ran and did nothing (the untouched starter); None if it never ran."""
        return None if self._result is None else run_was_idle(self._result)

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
            self.failure_kind = NO_ANSWER_IN_WORDS
            questions = self.target.kata.questions or (self.target.kata.kata_id,)
            self.failure = NO_WORDS.format(
                questions=" or ".join(questions), name=self.target.script.name, label=questions[0]
            )
            self.program = replace(self.program, missing=True)
            pytest.fail(self.failure, pytrace=False)
        self.manual_answer = self.program.words
        pytest.skip(GRADED_BY_INSTRUCTOR)

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
        result, message = self._judgeable()
        if result is not None and message is None:
            message = self._finding(check, result, *args, **kwargs)
        self._conclude(message, check)

    def chosen(self, name: str) -> Any:
        """The value the checker gives the kata's input constant ``name`` in its second run."""
        for given in self.target.kata.inputs:
            if given.name == name:
                return given.chosen
        raise KeyError(f"{self.target.kata.kata_id}: no [inputs.{name}] in its kata.toml")

    def expect_with_chosen_inputs(self, check: Check, *args: Any, **kwargs: Any) -> None:
        """Apply a check to a second run, the kata's input constants given the checker's values.

        With the stated data, a program that ignores its input logs the right answer too. The
        first run is judged first: a run that did nothing, was stopped or contradicts the system
        is reported as every check reports it, with no second run. A finding of the second run
        says which values were chosen.
        """
        __tracebackhide__ = True
        first, message = self._judgeable()
        if first is not None and message is None:
            stop = stop_of(first)
            message = stop.not_reached if stop is not None else self._chosen_finding(check, *args, **kwargs)
        self._conclude(message, check)

    def _chosen_finding(self, check: Check, *args: Any, **kwargs: Any) -> Optional[str]:
        __tracebackhide__ = True
        try:
            result = self._cache.chosen_result_for(self.target)
        except InputNotNamed as error:
            if self.program.from_notebook:  # a course question fixes no constant; a script's statement does
                pytest.skip(
                    NOTEBOOK_FIXES_NO_INPUT.format(names=", ".join(i.name for i in self.target.kata.inputs))
                )
            return Finding(error.message, INPUT_NOT_NAMED_KIND)
        except UNREADABLE_ERRORS as error:
            return _unreadable(error)
        found = self._unjudgeable(result) or self._finding(check, result, *args, **kwargs)
        self._chosen_failed = result if found else None
        return joined(CHOSEN_RUN.format(chosen=describe(self.target.kata.inputs)), found) if found else None

    def _judgeable(self) -> tuple[Optional[RunResult], Optional[str]]:
        """The run, and the finding every check gives it when it cannot be judged at all."""
        __tracebackhide__ = True
        try:
            result = self.result
        except UNREADABLE_ERRORS as error:  # what the run left made no sense: say so, not our traceback
            return None, _unreadable(error)
        return result, self._unjudgeable(result)

    @staticmethod
    def _unjudgeable(result: RunResult) -> Optional[str]:
        """A run that contradicts the system, or that did nothing: no check judges it further."""
        forged = tampered(result)
        if forged is not None:
            return forged
        return Finding(NOTHING_DONE, NOT_STARTED_KIND) if run_was_idle(result) else None

    def _finding(self, check: Check, result: RunResult, *args: Any, **kwargs: Any) -> Optional[str]:
        """The check's finding, a stopped run's root cause, or the kata's central act if missing."""
        __tracebackhide__ = True
        stop = stop_of(result)
        if stop is not None and not speaks_after_stop(check):
            return stop.not_reached
        # a check keeps its own finding; one that would pass without the kata's act does not
        return self._judged(check, result, *args, **kwargs) or missing_act(result, self.target.kata.central)

    def _conclude(self, message: Optional[str], check: Check) -> None:
        """Fail the item with the finding, if there is one (as handed in, for a repaired answer)."""
        __tracebackhide__ = True
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
        takes its stop's status (``judge.stops``); a run that did nothing at all (the untouched
        starter) is ``not started``; any other run that ended cleanly is ``failed``.
        """
        if self.manual_answer:
            return MANUAL
        if self.grader_error:
            return GRADER_ERROR
        if self.program.missing:
            return MISSING
        if self._result is None or self.handed_in_broken or tampered(self._result) is not None:
            return ERROR
        stop = stop_of(self._result)
        if stop is not None:
            return stop.status
        if self._result.exit_code != 0:
            return ERROR
        if run_was_idle(self._result):
            return NOT_STARTED
        return FAILED


def _unreadable(error: Exception) -> str:
    """What every check says of a run whose records could not be read."""
    return UNREADABLE_RUN.format(error=f"{type(error).__name__}: {error}"[:UNREADABLE_CHARS])
