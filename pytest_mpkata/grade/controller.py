"""Batch grading, controller side: outcomes in, grade book and reports out.

Registered by ``plugin.py`` for ``--mpkata-submissions ROOT --mpkata-report OUT`` in the
process that hears every item's report: the only process under plain pytest, the
controller under xdist (as xdist's ``dsession``).  It decides once which submissions are
unchanged since the last report (hashing them) and hands that list to the workers
(``grade.worker``), which only deselect.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Optional

import pytest

from pytest_mpkata.grade import html, reports
from pytest_mpkata.grade.book import GradeBook, default_score
from pytest_mpkata.grade.escaping import fenced_text
from pytest_mpkata.grade.files import atomic_write_text
from pytest_mpkata.grade.grades import KataInfo
from pytest_mpkata.grade.progress import BatchProgress
from pytest_mpkata.grade.safe_names import submission_fingerprint
from pytest_mpkata.grade.stamp import EnvironmentStamp, changes_since, current_stamp
from pytest_mpkata.grade.summary import class_summary, render_class_summary
from pytest_mpkata.grade.worker import KEPT_INPUT_KEY, deselect_submissions
from pytest_mpkata.kata.catalogue import METADATA_FILE, Kata, load_catalogue, load_kata
from pytest_mpkata.session.outcome import CheckOutcome, carries_outcome
from pytest_mpkata.session.runs import KataTarget
from pytest_mpkata.session.shards import shard_text, submission_folders
from pytest_mpkata.session.untrusted import visible
from pytest_mpkata.settings import Settings, unavailable_reason

__all__ = [
    "ENVIRONMENT_CHANGED",
    "KEPT_FROM_EARLIER",
    "REGRADED_HERE",
    "REPORT_FAILED",
    "SHARD_NOTE",
    "SUMMARY_TITLE",
    "GradingController",
    "GradingReportWarning",
    "catalogue_from_args",
    "grading_stamp",
    "kata_infos",
]

SUMMARY_TITLE = "mpkata grades"
REPORT_FAILED = "could not write the grading reports in {out}: {error}; grades so far are in memory only"
ENVIRONMENT_CHANGED = "{changes}: {consequence}"
KEPT_FROM_EARLIER = (
    "{count} unchanged submission(s) keep the grades given then; --mpkata-regrade grades them here"
)
REGRADED_HERE = "every submission was graded again here"
NO_SUCH_SUBMISSION = (
    "mpkata grading error: a check result names submission {name!r}, which is not a folder in the "
    "submissions being graded; its result is in no report"
)
UNREADABLE_OUTCOME = (
    "mpkata grading error: the check result of {nodeid} could not be read; it is in no report"
)
SHARD_NOTE = "shard {shard}: {count} of the {total} submissions in"


class GradingReportWarning(pytest.PytestWarning):
    """A grading report could not be written (disk full, file locked...)."""


def catalogue_from_args(config: pytest.Config) -> tuple[Kata, ...]:
    """The katas this session grades: those named on the command line, else ``katas/``."""
    found: dict[str, Kata] = {}
    for arg in config.args or ["katas"]:
        path = Path(config.invocation_params.dir, arg.split("::")[0])
        path = path if path.is_dir() else path.parent
        katas = (load_kata(path),) if (path / METADATA_FILE).is_file() else load_catalogue(path)
        found.update((kata.kata_id, kata) for kata in katas)
    return tuple(sorted(found.values(), key=lambda k: (k.order, k.kata_id)))


def kata_infos(katas: Iterable[Kata]) -> list[KataInfo]:
    return [KataInfo(k.kata_id, k.title, k.order, k.points) for k in katas]


class GradingController:
    """Collect check outcomes into a grade book and write reports as submissions finish."""

    def __init__(self, config: pytest.Config, settings: Settings) -> None:
        assert settings.submissions is not None and settings.report is not None
        self.config = config
        self.root: Path = settings.submissions
        self.out: Path = settings.report
        self.katas = catalogue_from_args(config)
        self.shard = settings.shard
        self.submissions = [p.name for p in submission_folders(self.root, self.shard)]
        self.stamp = grading_stamp(settings, self.katas)
        self.previous_stamp = reports.load_environment(self.out)
        salt = json.dumps([settings.start_methods, [(k.kata_id, k.points) for k in self.katas]])
        fingerprints = {name: submission_fingerprint(self.root / name, salt) for name in self.submissions}
        self.book = GradeBook(kata_infos(self.katas), scorer=self.score, fingerprints=fingerprints)
        self.kept: tuple[str, ...] = ()
        if not settings.regrade:
            self.kept = self.book.preload(reports.load_grades(self.out))
        self.known = set(self.submissions)
        self.seen: dict[str, set[tuple[str, str, str]]] = {}
        self.advice: dict[str, set[str]] = {}
        self.pending_advice: dict[str, set[str]] = {}
        self.submission_of: dict[str, str] = {}
        self.unmatched: list[str] = []
        self.progress = BatchProgress()

    # --- scoring through the hook ------------------------------------------------

    def score(self, kata: KataInfo, outcomes: Sequence[CheckOutcome]) -> Optional[float]:
        result = self.config.hook.pytest_mpkata_score(kata=kata, outcomes=list(outcomes))
        return None if result is None else float(result)

    @pytest.hookimpl(trylast=True)
    def pytest_mpkata_score(self, kata: KataInfo, outcomes: Sequence[CheckOutcome]) -> float:
        return default_score(kata, outcomes)

    # --- which items run --------------------------------------------------------------

    @pytest.hookimpl(optionalhook=True)
    def pytest_configure_node(self, node: Any) -> None:
        """Tell each xdist worker which submissions are kept from the last report."""
        node.workerinput[KEPT_INPUT_KEY] = list(self.kept)

    def deselect_kept(self, items: list[pytest.Item], targets: dict[int, KataTarget | None]) -> None:
        """Without xdist this process collects too: drop the items of unchanged submissions."""
        deselect_submissions(self.config, items, targets, set(self.kept))

    # --- outcomes: matched to their submission by the name they carry, never by test id ---------

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        outcome = CheckOutcome.from_report(report)
        if outcome is None:
            if carries_outcome(report):
                self.unmatched.append(UNREADABLE_OUTCOME.format(nodeid=visible(report.nodeid, False)))
            return
        if outcome.submission not in self.known:
            self.unmatched.append(NO_SUCH_SUBMISSION.format(name=visible(outcome.submission, False)))
            return
        self.book.add(outcome)
        self.submission_of[report.nodeid] = outcome.submission
        self.keep_advice(report.nodeid)
        submitted = self.seen.setdefault(outcome.submission, set())
        submitted.add((outcome.kata_id, outcome.check, outcome.start_method))
        if outcome.submission_checks and len(submitted) >= outcome.submission_checks:
            self.finish(outcome.submission)

    def finish(self, submission: str) -> None:
        if self.book.is_finished(submission):
            return
        self.book.finish(submission)
        grade = self.book.grade(submission)
        for kata_grade in grade.katas:
            self.config.hook.pytest_mpkata_kata_graded(submission=submission, grade=kata_grade)
        advice = sorted(self.advice.get(submission, ()))
        out, book, stamp = self.out, self.book, self.stamp
        self.write(lambda: reports.write_submission_reports(out, book, submission, advice, stamp))
        self.write(lambda: html.write_student_page(out, book.grade(submission), book.katas, stamp))
        self.write(self.write_class_reports)
        self.say_progress()

    def say_progress(self) -> None:
        kept = set(self.kept)
        line = self.progress.finished(total=sum(name not in kept for name in self.submissions))
        reporter = self.config.pluginmanager.get_plugin("terminalreporter")
        if line is not None and reporter is not None:
            reporter.write_line(line)

    def pytest_warning_recorded(self, warning_message: Any, when: str, nodeid: str, location: Any) -> None:
        """Keep advice warnings (notebook answers that would break in Jupyter) for the feedback."""
        if getattr(warning_message.category, "__name__", "") != "NotebookAdvice":
            return
        self.pending_advice.setdefault(nodeid, set()).add(str(warning_message.message))
        self.keep_advice(nodeid)

    def keep_advice(self, nodeid: str) -> None:
        """File an item's advice under its submission once an outcome has named it."""
        submission = self.submission_of.get(nodeid)
        if submission is not None and nodeid in self.pending_advice:
            self.advice.setdefault(submission, set()).update(self.pending_advice.pop(nodeid))

    def write_class_reports(self) -> None:
        reports.write_class_reports(self.out, self.book, stamp=self.stamp, shard=self.shard)
        html.write_class_pages(self.out, self.book.recorded_grades(), self.book.katas, self.stamp)

    def write(self, action: Any) -> None:
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            action()
        except OSError as error:
            warnings.warn(GradingReportWarning(REPORT_FAILED.format(out=self.out, error=error)), stacklevel=1)

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        for submission in self.seen:
            self.finish(submission)  # an outcome that did not say how many checks to wait for
        self.write(self.write_class_reports)
        if self.unmatched:
            session.exitstatus = pytest.ExitCode.INTERNAL_ERROR
        nothing_to_grade = self.kept or (self.shard is not None and not self.submissions)
        if session.exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED and nothing_to_grade:
            session.exitstatus = pytest.ExitCode.OK  # all unchanged, or an empty shard: success

    # --- terminal -------------------------------------------------------------------------------

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        terminalreporter.write_sep("=", SUMMARY_TITLE)
        lines = self.summary_lines()
        for line in lines[:-1]:
            terminalreporter.write_line(line)
        terminalreporter.write_line(lines[-1], yellow=bool(self.environment_change()))
        self.write(lambda: atomic_write_text(self.out / reports.SUMMARY_MD, summary_markdown(lines)))

    def summary_lines(self) -> list[str]:
        """The class summary as the terminal shows it, kept in ``OUT/summary.md`` too."""
        lines = render_class_summary(class_summary(self.book))
        graded = len(self.book.recorded_grades())
        kept = f", {len(self.kept)} unchanged since the last report" if self.kept else ""
        lines.append(f"{graded} submissions graded{kept}; reports in {self.out}")
        if self.shard is not None:
            total = len(submission_folders(self.root))
            note = SHARD_NOTE.format(shard=shard_text(self.shard), count=len(self.submissions), total=total)
            lines.append(f"{note} {self.root}")
        lines += self.unmatched
        changed = self.environment_change()
        return [*lines, changed] if changed else lines

    def environment_change(self) -> str:
        """What changed since the environment of the previous grades.json, and what it means."""
        if self.previous_stamp is None:
            return ""
        changes = changes_since(self.previous_stamp, self.stamp)
        if not changes:
            return ""
        kept = KEPT_FROM_EARLIER.format(count=len(self.kept)) if self.kept else REGRADED_HERE
        return ENVIRONMENT_CHANGED.format(changes=changes, consequence=kept)


def summary_markdown(lines: Sequence[str]) -> str:
    """``summary.md``: the terminal's summary, verbatim in a text block, under a title."""
    return "\n".join([f"# {SUMMARY_TITLE}", "", *fenced_text("\n".join(lines))]) + "\n"


def grading_stamp(settings: Settings, katas: Sequence[Kata]) -> EnvironmentStamp:
    """This session's stamp: the start methods it can use, its sandbox, its katas."""
    methods = [m for m in settings.start_methods if unavailable_reason(m) is None]
    return current_stamp(methods, getattr(settings, "sandbox", None), katas)
