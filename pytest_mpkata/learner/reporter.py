"""Register the reporters an invocation needs (progress for learners, grading for instructors)."""

from __future__ import annotations

import os
from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pytest_mpkata.session import solved
from pytest_mpkata.session.outcome import carries_outcome
from pytest_mpkata.session.targets import learner_file
from pytest_mpkata.settings import Settings, on_xdist_worker

if TYPE_CHECKING:
    from pytest_mpkata.kata.catalogue import Kata
    from pytest_mpkata.learner.progress import KataProgress, Progress, Where

__all__ = ["LEARNER_REPORTER", "LearnerReporter", "register", "unregister"]

LEARNER_REPORTER = "mpkata-learner-reporter"


def register(config: pytest.Config, settings: Settings) -> None:
    if not settings.batch and not on_xdist_worker(config):
        config.pluginmanager.register(LearnerReporter(config, settings), LEARNER_REPORTER)


def unregister(config: pytest.Config) -> None:
    reporter = config.pluginmanager.get_plugin(LEARNER_REPORTER)
    if reporter is not None:
        config.pluginmanager.unregister(reporter, LEARNER_REPORTER)


class LearnerReporter:
    """Gathers kata outcomes; at the end shows progress, the next step and hints, and remembers."""

    def __init__(self, config: pytest.Config, settings: Settings) -> None:
        self.config = config
        self.settings = settings
        self._progress: Progress | None = None
        self.cache: pytest.Cache | None = getattr(config, "cache", None)
        self.solved_earlier: set[str] | None = None

    @property
    def progress(self) -> Progress:
        """Created on the first kata report, so other test suites import nothing of it."""
        from pytest_mpkata.learner import progress

        if self._progress is None:
            self._progress = progress.Progress(self.config.rootpath)
        return self._progress

    @property
    def ran(self) -> bool:
        return self._progress is not None and self._progress.ran

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if not carries_outcome(report):
            return

        self.progress.add(report)
        if self.progress.ran and self.solved_earlier is None:
            # Read once, on the first kata report: other test suites never touch the cache,
            # and this run's own results are written only at its end.
            self.solved_earlier = solved.known_solved(self.cache, solved.solved_scope(self.settings))

    def pytest_sessionfinish(self) -> None:
        if self.ran:
            from pytest_mpkata.learner import progress

            katas = self.progress.katas(self.solved_earlier or set())
            progress.remember_solved(self.cache, solved.solved_scope(self.settings), katas)

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_terminal_summary(
        self, terminalreporter: pytest.TerminalReporter
    ) -> Generator[None, None, None]:
        """Write the progress last, below pytest's short summary: what a learner reads first."""
        yield
        if self.ran:
            self._write_progress(terminalreporter)

    def _write_progress(self, terminalreporter: pytest.TerminalReporter) -> None:
        from pytest_mpkata.learner import progress

        katas = self.progress.katas(self.solved_earlier or set())
        verbose = self.config.get_verbosity() > 0
        terminalreporter.write_sep("=", progress.TITLE)
        lines = progress.render(
            katas,
            verbose,
            self._where(),
            self.settings.start_methods,
            offer_hint=not self.settings.hint,
        )
        if self.settings.hint:
            lines += self._hint_lines(katas)
        for line in lines:
            terminalreporter.write_line(line)

    def _hint_lines(self, katas: list[KataProgress]) -> list[str]:
        from pytest_mpkata.learner import hints

        failing = [kata for kata in katas if kata.ran and not kata.solved]
        if not failing:
            return ["", hints.NO_HINT_NEEDED]
        kata = failing[0]  # the next kata only: a hint for each of the others would be spent unread
        hint = hints.reveal_next(self.cache, kata.kata)
        return ["", *hints.render(kata.kata, hint, remembered=self.cache is not None)]

    def _where(self) -> Where:
        from pytest_mpkata.learner import progress

        return progress.Where(
            file_of=self._file_of,
            command_of=self._command_of,
            readme_of=lambda kata: self._shown(kata.directory / "README.md"),
        )

    def _file_of(self, kata: Kata) -> str:
        return self._shown(learner_file(kata, self.settings))

    def _command_of(self, kata: Kata) -> str:
        command = f"pytest {self._shown(kata.directory)}"
        if self.settings.submission is not None:
            command += f" --mpkata-submission {self._shown(self.settings.submission)}"
        return command

    def _shown(self, path: Path) -> str:
        """A path as the learner typed paths: relative to where pytest was started, if inside."""
        start = self.config.invocation_params.dir
        try:
            return str(path.relative_to(start))
        except ValueError:
            return os.fspath(path)
