"""``pytest katas --mpkata-html PATH``: a learner's own run as one HTML page.

The same page an instructor sees for one submission (each kata's checks, messages and the
timeline of what ran where), written once the session ends and standing by itself: no class
page, no feedback.md beside it.  Registered by ``plugin.py`` in the process that hears every
item's report (the only one under plain pytest, the controller under xdist).
"""

from __future__ import annotations

import dataclasses
import warnings
from pathlib import Path

import pytest

from pytest_mpkata.grade.book import GradeBook
from pytest_mpkata.grade.controller import GradingReportWarning, catalogue_from_args, kata_infos
from pytest_mpkata.grade.files import atomic_write_text
from pytest_mpkata.grade.html import student_page
from pytest_mpkata.session.outcome import CheckOutcome

__all__ = ["OWN_RUN_NAME", "PAGE_FAILED", "PAGE_WRITTEN", "OwnRunPage"]

OWN_RUN_NAME = "Your katas"
"""The page's heading for a learner's own run, which has no submission name."""
PAGE_WRITTEN = "mpkata: your run as a page: {path}"
PAGE_FAILED = "could not write the page {path}: {error}"


class OwnRunPage:
    """Collect the session's check outcomes and write them as one submission's page."""

    def __init__(self, config: pytest.Config, path: Path) -> None:
        self.config = config
        self.path = path
        self.book = GradeBook(kata_infos(catalogue_from_args(config)))
        self.said = ""

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        outcome = CheckOutcome.from_report(report)
        if outcome is not None:
            self.book.add(outcome)

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        submissions = self.book.submissions()
        if not submissions:
            return
        submission = submissions[0]
        self.book.finish(submission)
        grade = self.book.grade(submission)
        if not submission:
            grade = dataclasses.replace(grade, submission=OWN_RUN_NAME)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(self.path, student_page(grade, self.book.katas, in_class_report=False))
        except OSError as error:
            warnings.warn(GradingReportWarning(PAGE_FAILED.format(path=self.path, error=error)), stacklevel=1)
            return
        self.said = PAGE_WRITTEN.format(path=self.path)

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if self.said:
            terminalreporter.write_line(self.said)
