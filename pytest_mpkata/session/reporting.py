"""What a kata check item's report carries: its outcome, the picture of its run, the explanation.

Called from the plugin's report hook for kata check items only; everything the learner's
progress, the grouped failures and the grade book read later is attached here.
"""

from __future__ import annotations

import pytest

from pytest_mpkata.options import settings_of
from pytest_mpkata.session.kata_run import UNREADABLE_ERRORS, UNREADABLE_PICTURE, KataRun
from pytest_mpkata.session.keys import EXPLANATIONS_KEY, KATA_RUN_KEY
from pytest_mpkata.session.outcome import PICTURE_SECTION, CheckOutcome
from pytest_mpkata.session.untrusted import visible
from pytest_mpkata.trace.model import RunResult

__all__ = ["EXPLANATION_TITLE", "complete_report", "write_explanations"]

EXPLANATION_TITLE = "which process ran which line"


def complete_report(item: pytest.Item, when: str, report: pytest.TestReport) -> None:
    """Attach the item's outcome, and the picture of a failed run, to the report of one phase."""
    run = item.stash.get(KATA_RUN_KEY, None)
    if run is not None and when == "call" and report.passed and run.handed_in_broken:
        _fail_as_handed_in(run, report)
    outcome = CheckOutcome.from_item(item, report)
    if outcome is not None:
        outcome.attach_to(report)
    result = run.pictured if run is not None else None
    if report.failed and run is not None and result is not None:
        report.sections.append((PICTURE_SECTION, run.picture_note + _picture(result)))
    if run is not None and when == "call" and settings_of(item.config).explain:
        _add_explanation(item, run, report)
    _make_visible(report)


def _picture(result: RunResult) -> str:
    """The picture of the run, or why a run whose records make no sense has none."""
    from pytest_mpkata.judge import picture

    try:
        return picture.render(result)
    except UNREADABLE_ERRORS as error:
        return UNREADABLE_PICTURE.format(error=type(error).__name__)


def _make_visible(report: pytest.TestReport) -> None:
    """What a program printed reaches the terminal and the reports with its control characters shown."""
    report.sections = [(title, visible(text)) for title, text in report.sections]
    text = str(report.longrepr or "")
    if visible(text) != text:
        report.longrepr = visible(text)


def _fail_as_handed_in(run: KataRun, report: pytest.TestReport) -> None:
    """The check passed on the repaired answer; as handed in, the answer does not run."""
    try:
        run.fail_as_handed_in()
    except pytest.fail.Exception:
        report.outcome = "failed"
        report.longrepr = run.failure


def _add_explanation(item: pytest.Item, run: KataRun, report: pytest.TestReport) -> None:
    """Once per run: the learner's source with the processes that ran each line."""
    text = run.explanation()
    if text is not None:
        report.sections.append((EXPLANATION_TITLE, text))
        item.config.stash.setdefault(EXPLANATIONS_KEY, []).append(text)


def write_explanations(terminalreporter: pytest.TerminalReporter, explanations: list[str]) -> None:
    """At the end of the session, every explanation again, one after another."""
    terminalreporter.write_sep("=", EXPLANATION_TITLE)
    for text in explanations:
        terminalreporter.write_line(text)
        terminalreporter.write_line("")
