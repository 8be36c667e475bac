"""The terminal's failures of kata checks: each distinct failure once, with its start methods.

A check that fails the same way under fork, spawn and forkserver prints one block ("under fork,
spawn and forkserver") with one picture; where the start methods differ, each way of failing gets
its own block, and a block says under which methods the check passed (that difference is the
lesson).  Only what the terminal shows changes: every item still fails, with its own report, so
``-r``, ``--junitxml`` and the grade book see every item.  Failures of other tests, and kata
failures under ``--tb=line`` or ``--tb=no``, are printed by pytest as usual.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Sequence
from dataclasses import dataclass

import pytest

from pytest_mpkata.run.startmethods import START_METHODS
from pytest_mpkata.session.kata_run import NOT_STARTED_KIND
from pytest_mpkata.session.outcome import PICTURE_SECTION, CheckOutcome
from pytest_mpkata.settings import on_xdist_worker

__all__ = [
    "HEADLINE",
    "PASSED_UNDER",
    "PICTURE_UNDER",
    "PLUGIN_NAME",
    "RESTORER_NAME",
    "TITLE",
    "FailureBlock",
    "GroupedFailures",
    "failure_blocks",
    "methods_phrase",
    "register",
    "same_failure",
    "unregister",
]

TITLE = "FAILURES"
DEFAULT_REPORT_CHARS = "fE"
"""pytest's ``-r`` when none is given."""
HEADLINE = "{kata_id}::{check}{submission} under {methods}"
PASSED_UNDER = " (passed under {methods})"
EVERY_CHECK = "all {count} checks"
"""The headline's check for a kata not started: its checks all say the same, so once."""
PICTURE_UNDER = "{section} (under {method})"
PLUGIN_NAME = "mpkata-grouped-failures"
RESTORER_NAME = "mpkata-grouped-failures-restorer"
_METHOD_NAMES = re.compile("|".join(sorted(START_METHODS, key=len, reverse=True)), re.IGNORECASE)
_NUMBERS = re.compile(r"\d+")


def register(config: pytest.Config) -> None:
    """Where reports are heard and printed: the only process, or xdist's controller."""
    if not on_xdist_worker(config):
        grouped = GroupedFailures()
        config.pluginmanager.register(grouped, PLUGIN_NAME)
        config.pluginmanager.register(grouped.restorer, RESTORER_NAME)


def unregister(config: pytest.Config) -> None:
    for name in (PLUGIN_NAME, RESTORER_NAME):
        plugin = config.pluginmanager.get_plugin(name)
        if plugin is not None:
            config.pluginmanager.unregister(plugin, name)


def methods_phrase(methods: Sequence[str]) -> str:
    """``fork``, ``fork and spawn``, ``fork, spawn and forkserver``."""
    if len(methods) <= 1:
        return "".join(methods)
    return f"{', '.join(methods[:-1])} and {methods[-1]}"


def same_failure(outcome: CheckOutcome) -> tuple[str, str]:
    """What makes two failures of one check the same: the finding's kind, and its message with
    numbers (pids, counts, times) and start-method names aside."""
    message = _NUMBERS.sub("#", _METHOD_NAMES.sub("<method>", outcome.message))
    return (outcome.kind, message)


@dataclass
class FailureBlock:
    """One way a check failed, with every report that failed that way."""

    outcome: CheckOutcome
    reports: list[pytest.TestReport]
    methods: list[str]
    passed_under: list[str]
    checks: list[str]

    @property
    def headline(self) -> str:
        submission = f"[{self.outcome.submission}]" if self.outcome.submission else ""
        methods = methods_phrase(sorted(set(self.methods), key=self.methods.index))
        outcome = self.outcome
        check = outcome.check if len(self.checks) == 1 else EVERY_CHECK.format(count=len(self.checks))
        text = HEADLINE.format(kata_id=outcome.kata_id, check=check, submission=submission, methods=methods)
        return text + (
            PASSED_UNDER.format(methods=methods_phrase(self.passed_under)) if self.passed_under else ""
        )


def failure_blocks(
    failed: Sequence[pytest.TestReport], passed: Sequence[pytest.TestReport]
) -> list[FailureBlock]:
    """Group failed kata reports by check and way of failing, in the order they failed."""
    passes: dict[tuple[str, str, str], list[str]] = {}
    for report in passed:
        outcome = CheckOutcome.from_report(report)
        if outcome is not None:
            passes.setdefault((outcome.submission, outcome.kata_id, outcome.check), []).append(
                outcome.start_method
            )
    blocks: dict[tuple[str, str, str, tuple[str, str]], FailureBlock] = {}
    for report in failed:
        outcome = CheckOutcome.from_report(report)
        assert outcome is not None
        check = (outcome.submission, outcome.kata_id, outcome.check)
        # a kata not started fails every check with one message: one block for all of them
        key = (*check[:2], "" if outcome.kind == NOT_STARTED_KIND else outcome.check, same_failure(outcome))
        block = blocks.setdefault(key, FailureBlock(outcome, [], [], passes.get(check, []), []))
        block.reports.append(report)
        block.methods.append(outcome.start_method)
        if outcome.check not in block.checks:
            block.checks.append(outcome.check)
    return list(blocks.values())


class GroupedFailures:
    """Replaces pytest's failure blocks of kata check items by one block per distinct failure.

    pytest writes its failures section, then runs the plain ``pytest_terminal_summary``
    hooks, then its short summary (``-r``).  So this wrapper, outside pytest's, writes the kata
    blocks and takes the kata reports out of ``stats["failed"]``; ``restorer``, a plain hook, puts
    them back before the short summary and the final counts are written.
    """

    def __init__(self) -> None:
        self._stat: list[pytest.TestReport] | None = None
        self._saved: list[pytest.TestReport] = []
        self.restorer = _Restorer(self)

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_terminal_summary(
        self, terminalreporter: pytest.TerminalReporter
    ) -> Generator[None, None, None]:
        failed: list[pytest.TestReport] = terminalreporter.stats.get("failed", [])
        kata = [r for r in failed if r.when == "call" and CheckOutcome.from_report(r) is not None]
        if kata and terminalreporter.config.option.tbstyle not in ("no", "line"):
            self._stat, self._saved = failed, list(failed)
            failed[:] = [report for report in failed if report not in kata]
            self._write(terminalreporter, failure_blocks(kata, terminalreporter.stats.get("passed", [])))
        try:
            return (yield)
        finally:
            self.restore()

    def restore(self) -> None:
        """Give pytest back every failed report, in its order."""
        if self._stat is not None:
            self._stat[:] = self._saved
            self._stat = None

    def _write(self, terminalreporter: pytest.TerminalReporter, blocks: list[FailureBlock]) -> None:
        terminalreporter.write_sep("=", TITLE)
        showcapture = terminalreporter.config.option.showcapture
        for block in blocks:
            terminalreporter.write_sep("_", block.headline, red=True, bold=True)
            first = block.reports[0]
            for line in first.longreprtext.rstrip("\n").splitlines():
                terminalreporter.write_line(line)
            for title, content in first.sections:
                if showcapture != "all" and showcapture not in title:
                    continue
                if title == PICTURE_SECTION and len(block.methods) > 1:
                    title = PICTURE_UNDER.format(section=title, method=block.methods[0])
                terminalreporter.write_sep("-", title)
                terminalreporter.write_line(content.rstrip("\n"))


class _Restorer:
    """The plain hook that runs after pytest's failures section and before its short summary.

    With pytest's default ``-r fE`` the short summary would list every failed kata item again,
    one line per check and start method, after the blocks that already said it all: the kata
    reports then come back only after it (for the final counts).  Any ``-r`` asked for keeps them.
    """

    def __init__(self, grouped: GroupedFailures) -> None:
        self._grouped = grouped

    @pytest.hookimpl(tryfirst=True)
    def pytest_terminal_summary(self, config: pytest.Config) -> None:
        if config.option.reportchars != DEFAULT_REPORT_CHARS:
            self._grouped.restore()
