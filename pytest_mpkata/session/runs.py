"""Run learner programs for kata checks: one run per (submission, kata, start method).

``RunCache`` builds each learner program once (``session.program``), runs it once per start
method and hands the same ``RunResult`` to all the checks of that kata under that start
method; ``KataRun`` is what a kata test receives, with ``expect(check, ...)`` to apply a
check.  Every run goes through the ``pytest_mpkata_run_request`` hook, ``--mpkata-explain``'s
too.
"""

from __future__ import annotations

import warnings
from dataclasses import replace
from pathlib import Path
from typing import Callable, Optional

import pytest

from pytest_mpkata.judge.course import attempt_rank
from pytest_mpkata.options import settings_of
from pytest_mpkata.run.runner import RunRequest, run_program
from pytest_mpkata.session.kata_run import KataRun, NotebookAdvice
from pytest_mpkata.session.program import NO_NOTEBOOK_SUPPORT, NOT_SUBMITTED, LearnerProgram, build_program
from pytest_mpkata.session.runahead import RunAhead
from pytest_mpkata.session.targets import KataTarget
from pytest_mpkata.settings import on_xdist_worker
from pytest_mpkata.trace.builder import build_result
from pytest_mpkata.trace.model import RunResult

__all__ = ["NOT_SUBMITTED", "KataRun", "KataTarget", "RunCache"]

Check = Callable[..., Optional[str]]


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
        self._chosen: dict[tuple[str, str, str], RunResult] = {}
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

    @classmethod
    def from_config(cls, config: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> RunCache:
        """The session's cache: every request and every result passes through the plugin's hooks."""
        settings = settings_of(config)

        def make_request(target: KataTarget, program: LearnerProgram) -> RunRequest:
            run_request = program.request(target.start_method, settings.time_limit)
            run_request = replace(run_request, sandbox=settings.sandbox)
            changed = config.hook.pytest_mpkata_run_request(kata=target.kata, request=run_request)
            return changed or run_request

        def finished(target: KataTarget, result: RunResult) -> None:
            config.hook.pytest_mpkata_run_finished(
                kata=target.kata, submission=target.submission, result=result
            )

        keep = settings.keep_runs
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
        return cls(
            make_request,
            finished,
            base_dir=keep or tmp_path_factory.mktemp("mpkata-runs"),
            keep=keep is not None,
            sandbox=settings.sandbox,
            run_ahead=settings.run_ahead,
            within_group=on_xdist_worker(config),
        )

    def __enter__(self) -> RunCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def expect_uses(self, target: KataTarget, count: int = 1, will_run: bool = True) -> None:
        """Count an item that will use the target's run (``will_run``: an item that is not skipped)."""
        self._uses_left[target.key] = self._uses_left.get(target.key, 0) + count
        if will_run and target.key not in self._position:
            self._position[target.key] = len(self._upcoming)
            self._upcoming.append(target)

    def program_for(self, target: KataTarget) -> LearnerProgram:
        if target.program_key not in self._programs:
            program = build_program(target.kata, target.script)
            if program.problem_kind == NO_NOTEBOOK_SUPPORT and not self._programs_missing_support():
                warnings.warn(NotebookSupportMissing(program.problem), stacklevel=1)
            self._programs[target.program_key] = program
        return self._programs[target.program_key]

    def _programs_missing_support(self) -> bool:
        return any(p.problem_kind == NO_NOTEBOOK_SUPPORT for p in self._programs.values())

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

    def chosen_result_for(self, target: KataTarget) -> RunResult:
        """The run of the program graded for the target with the kata's chosen inputs, once.

        The same runner, sandbox and cross-check as the first run; raises ``InputNotNamed``
        when the program has no constant to give another value.
        """
        if target.key not in self._chosen:
            program = self.program_for(target)
            graded = self._attempts.get(target.key) or program.repaired or program
            chosen = graded.with_chosen_inputs()
            if self._ahead is None:
                raw = run_program(self._make_request(target, chosen), self._base_dir, keep=self._keep)
                result = build_result(raw)
            else:  # through the gate, so that a kata's runs that must run alone still do
                key = (target.submission, f"{target.kata.kata_id} with chosen inputs", target.start_method)
                self._start_ahead(target, chosen, key)
                result = self._ahead.result(key)
            self._chosen[target.key] = chosen.located(result)
        return self._chosen[target.key]

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

    def _start_ahead(
        self, target: KataTarget, program: LearnerProgram, key: tuple[str, str, str] | None = None
    ) -> None:
        """Make the request here (the run-request hook runs in pytest's thread); run it in a thread."""
        assert self._ahead is not None
        request = self._make_request(target, program)
        base_dir, keep = self._base_dir, self._keep

        def run() -> RunResult:
            return build_result(run_program(request, base_dir, keep=keep))

        self._ahead.start(key or target.key, run, alone=target.kata.runs_alone)

    def close(self) -> None:
        """Stop runs started ahead that no item took (Ctrl-C, ``-x``), and their servers."""
        if self._ahead is not None:
            self._ahead.close()

    def release(self, target: KataTarget) -> None:
        left = self._uses_left.get(target.key, 1) - 1
        self._uses_left[target.key] = left
        if left <= 0:
            self._results.pop(target.key, None)
            self._chosen.pop(target.key, None)
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
