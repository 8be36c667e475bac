"""The grades: of one kata for one submission, of one submission, and what they are made of.

Plain frozen records, built by the grade book (``grade.book``), written to and read back from
grades.json (``grade.reports``), and handed to the ``pytest_mpkata_kata_graded`` hook.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from pytest_mpkata.judge.statuses import FAILED
from pytest_mpkata.kata.catalogue import DEFAULT_POINTS

__all__ = ["FailedCheck", "KataGrade", "KataInfo", "PassedCheck", "SubmissionGrade"]


@dataclass(frozen=True)
class KataInfo:
    """One kata of the catalogue, with the points it is worth."""

    kata_id: str
    title: str
    order: int
    points: float = DEFAULT_POINTS


@dataclass(frozen=True)
class FailedCheck:
    """A check that failed, merged over the start methods that failed it with the same message."""

    check: str
    start_methods: tuple[str, ...]
    message: str
    picture: str = ""
    status: str = FAILED
    kind: str = ""
    """The kind of finding (``no_log_file``, ``not_reached``...) the merged failures share."""


@dataclass(frozen=True)
class PassedCheck:
    """A check that passed, with the start methods it passed under."""

    check: str
    start_methods: tuple[str, ...]


@dataclass(frozen=True)
class KataGrade:
    """The grade of one kata for one submission."""

    kata_id: str
    score: float
    max_score: float
    status: str
    failed_checks: tuple[FailedCheck, ...] = ()
    passed_checks: tuple[PassedCheck, ...] = ()
    skipped_count: int = 0
    answer: str = ""
    """The learner's answer in words, for the instructor to grade (status ``manual``)."""
    missing_reason: str = ""
    """Why nothing was found to grade, in the submission's terms (a notebook names its cells)."""

    @property
    def checks_passed(self) -> int:
        return sum(len(passed.start_methods) for passed in self.passed_checks)

    @property
    def checks_failed(self) -> int:
        return sum(len(failed.start_methods) for failed in self.failed_checks)

    @property
    def checks_judged(self) -> int:
        """Check items that ran and were judged: one per (check, start method), skips excluded."""
        return self.checks_passed + self.checks_failed


@dataclass(frozen=True)
class SubmissionGrade:
    """The grades of one submission: one ``KataGrade`` per kata of the catalogue, in order."""

    submission: str
    total: float
    max_total: float
    katas: tuple[KataGrade, ...]
    fingerprint: str
    duration: float = 0.0

    def kata(self, kata_id: str) -> Optional[KataGrade]:
        return next((grade for grade in self.katas if grade.kata_id == kata_id), None)
