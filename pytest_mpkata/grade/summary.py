"""The class summary: how the class did on each kata, in the terminal at the end of a grading.

One line per kata: how many submissions passed it and handed it in, how many answered in words,
and the most common failure, counted once per submission.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Optional

from pytest_mpkata.grade.book import GradeBook
from pytest_mpkata.grade.grades import KataGrade, KataInfo
from pytest_mpkata.judge.statuses import ERROR, FAILED, GRADER_ERROR, MISSING, NOT_STARTED, PASSED, TIMEOUT
from pytest_mpkata.judge.stops import NOT_REACHED_KIND

__all__ = [
    "ELLIPSIS",
    "FAILURE_FALLBACKS",
    "FAILURE_WIDTH",
    "SUMMARY_FAILURE",
    "SUMMARY_LINE",
    "SUMMARY_WORDS",
    "KataSummary",
    "class_summary",
    "render_class_summary",
]

FAILURE_WIDTH = 100

FAILURE_FALLBACKS = {
    TIMEOUT: "the program hit its time limit",
    GRADER_ERROR: "a check could not judge the answer (grader error)",
    ERROR: "the program crashed before the checks could judge it",
    FAILED: "a check failed",
    NOT_STARTED: "the program ran and did nothing",
}
"""What the class summary counts when a failing check came without a message."""

SUMMARY_LINE = (
    "{order:02d} {kata_id:<{id_width}}  {passed:>{count_width}}/{total:<{count_width}} passed"
    "  {submitted:>{count_width}} submitted"
)
SUMMARY_WORDS = "  {count} answered in words, for you to grade (manual/{kata_id}.md)"
SUMMARY_FAILURE = "  most common failure ({count}\u00d7): {message}"
ELLIPSIS = "..."


@dataclass(frozen=True)
class KataSummary:
    """How the class did on one kata, for the terminal summary."""

    kata_id: str
    title: str
    order: int
    passed: int
    submitted: int
    total: int
    top_failure: str = ""
    top_failure_count: int = 0
    answered_in_words: int = 0
    """Submissions whose answer in words waits for the instructor."""


def class_summary(book: GradeBook) -> list[KataSummary]:
    """Summarise each kata over the recorded submissions, in catalogue order."""
    grades = list(book.recorded_grades().values())
    return [_summarize_kata(kata, [grade.kata(kata.kata_id) for grade in grades]) for kata in book.katas]


def render_class_summary(rows: Sequence[KataSummary]) -> list[str]:
    """Lay the summary out as aligned plain-text lines, one per kata."""
    if not rows:
        return []
    id_width = max(len(row.kata_id) for row in rows)
    count_width = max(len(str(row.total)) for row in rows)
    return [_summary_line(row, id_width, count_width) for row in rows]


def _summary_line(row: KataSummary, id_width: int, count_width: int) -> str:
    line = SUMMARY_LINE.format(
        order=row.order,
        kata_id=row.kata_id,
        id_width=id_width,
        passed=row.passed,
        total=row.total,
        submitted=row.submitted,
        count_width=count_width,
    )
    if row.answered_in_words:
        line += SUMMARY_WORDS.format(count=row.answered_in_words, kata_id=row.kata_id)
    if row.top_failure_count:
        line += SUMMARY_FAILURE.format(count=row.top_failure_count, message=row.top_failure)
    return line.rstrip()


def _summarize_kata(kata: KataInfo, grades: Sequence[Optional[KataGrade]]) -> KataSummary:
    present = [grade for grade in grades if grade is not None]
    failures = Counter(message for grade in present for message in _failure_lines(grade))
    top = min(failures.items(), key=lambda item: (-item[1], item[0]), default=("", 0))
    return KataSummary(
        kata_id=kata.kata_id,
        title=kata.title,
        order=kata.order,
        passed=sum(grade.status == PASSED for grade in present),
        submitted=sum(grade.status != MISSING for grade in present),
        total=len(grades),
        top_failure=top[0],
        top_failure_count=top[1],
        answered_in_words=sum(bool(grade.answer) for grade in present),
    )


def _failure_lines(grade: KataGrade) -> set[str]:
    """The distinct failure headlines of one kata grade: one submission counts once per message.

    "Not judged" failures only repeat a stopped run's root cause, which another check names.
    """
    return {
        _headline(failed.message) or FAILURE_FALLBACKS.get(failed.status, FAILURE_FALLBACKS[FAILED])
        for failed in grade.failed_checks
        if failed.kind != NOT_REACHED_KIND
    }


def _headline(message: str) -> str:
    first = next((line.strip() for line in message.splitlines() if line.strip()), "")
    if len(first) <= FAILURE_WIDTH:
        return first
    return first[: FAILURE_WIDTH - len(ELLIPSIS)].rstrip() + ELLIPSIS
