"""Turn the outcome of every check into grades: a score and a status per kata and per submission.

The pytest session produces one outcome per (submission, kata, check, start method), in any order
and possibly from several worker processes. This module gathers them in a ``GradeBook`` and scores
each kata by partial credit, so a learner whose program works under ``fork`` but not ``spawn`` sees
both facts, and the instructor gets one comparable number per kata. It also keeps grades recorded by
an earlier run, so an unchanged submission is not graded again.  The grades themselves are records
of their own (``grade.grades``); the class summary is ``grade.summary``.
"""

from __future__ import annotations

import math
import numbers
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Optional

from pytest_mpkata.grade.grades import FailedCheck, KataGrade, KataInfo, PassedCheck, SubmissionGrade
from pytest_mpkata.judge.crosscheck import TAMPERED
from pytest_mpkata.judge.statuses import (
    FAILED,
    FAILING_STATUSES,
    GRADER_ERROR,
    MANUAL,
    MISSING,
    PASSED,
    REPORTED_STATUSES,
    SKIPPED,
)
from pytest_mpkata.run.startmethods import START_METHODS
from pytest_mpkata.session.outcome import CheckOutcome

__all__ = [
    "DUPLICATE_KATA_ERROR",
    "SCORER_RESULT_ERROR",
    "SCORE_DECIMALS",
    "UNKNOWN_KATA_ERROR",
    "UNKNOWN_OVERRIDE_ERROR",
    "GradeBook",
    "Scorer",
    "default_score",
    "grade_kata",
    "item_state",
    "kata_status",
    "latest_per_item",
    "merge_failures",
    "merge_passes",
    "submission_sort_key",
    "with_points",
]

SCORE_DECIMALS = 2

UNKNOWN_KATA_ERROR = "outcome for kata {kata_id!r}, which is not in the catalogue {known}"
DUPLICATE_KATA_ERROR = "kata {kata_id!r} appears twice in the catalogue"
UNKNOWN_OVERRIDE_ERROR = "points given for unknown kata(s): {kata_ids}"
SCORER_RESULT_ERROR = "the scorer returned {value!r} for kata {kata_id!r}; expected a finite number"

Scorer = Callable[[KataInfo, Sequence[CheckOutcome]], Optional[float]]
"""Scores one kata from its outcomes; ``None`` means "no opinion" and the default rule applies."""


def default_score(kata: KataInfo, outcomes: Sequence[CheckOutcome]) -> float:
    """Give partial credit: the share of judged check items that passed, times the kata's points.

    Each (check, start method) item counts once; skipped items are not judged. A missing kata, or
    one whose every item was skipped, scores 0.
    """
    states = [item_state(outcome) for outcome in latest_per_item(outcomes)]
    judged = [state for state in states if state not in (SKIPPED, MANUAL, GRADER_ERROR)]
    if MISSING in states or not judged:
        return 0.0
    return round(kata.points * judged.count(PASSED) / len(judged), SCORE_DECIMALS)


def item_state(outcome: CheckOutcome) -> str:
    """Reduce an outcome to one of passed, skipped, manual, missing, grader error or a failing status."""
    if outcome.status in (MISSING, MANUAL, GRADER_ERROR):
        return outcome.status
    if SKIPPED in (outcome.outcome, outcome.status):
        return SKIPPED
    if outcome.outcome == PASSED:
        return PASSED
    return outcome.status if outcome.status in FAILING_STATUSES else FAILED


def kata_status(outcomes: Sequence[CheckOutcome]) -> str:
    """Missing if anything is missing, passed if every judged item passed, else the worst failure.

    No outcome at all means missing; an answer in words with nothing judged gives ``manual``;
    outcomes that were all skipped give ``skipped``. A grader error wins over the rest: the grade
    is incomplete, and the instructor must know.
    """
    states = {item_state(outcome) for outcome in outcomes}
    if not states or MISSING in states:
        return MISSING
    if GRADER_ERROR in states:
        return GRADER_ERROR
    failing = [status for status in FAILING_STATUSES if status in states]
    if failing:
        return failing[0]
    if PASSED in states:
        return PASSED
    return MANUAL if MANUAL in states else SKIPPED


def latest_per_item(outcomes: Iterable[CheckOutcome]) -> list[CheckOutcome]:
    """Keep one outcome per (kata, check, start method), the last one, so reruns count once."""
    latest = {(item.kata_id, item.check, item.start_method): item for item in outcomes}
    return sorted(latest.values(), key=_display_key)


def merge_failures(outcomes: Sequence[CheckOutcome]) -> tuple[FailedCheck, ...]:
    """Merge failing items of the same check and message, so feedback is not repeated per method."""
    groups: dict[tuple[str, str], list[CheckOutcome]] = {}
    for outcome in latest_per_item(outcomes):
        if item_state(outcome) in REPORTED_STATUSES:
            groups.setdefault((outcome.check, _failure_kind(outcome)), []).append(outcome)
    return tuple(_failed_check(group) for group in groups.values())


def _failure_kind(outcome: CheckOutcome) -> str:
    """What a failure is about: its finding's kind, so one mistake reads as one under every method.

    A failure without a kind (an outcome built outside a kata check) is grouped by its message.
    """
    return outcome.kind or outcome.message


def merge_passes(outcomes: Sequence[CheckOutcome]) -> tuple[PassedCheck, ...]:
    """Group passing items by check, listing the start methods each passed under."""
    groups: dict[str, list[str]] = {}
    for outcome in latest_per_item(outcomes):
        if item_state(outcome) == PASSED:
            groups.setdefault(outcome.check, []).append(outcome.start_method)
    return tuple(PassedCheck(check, tuple(methods)) for check, methods in groups.items())


def grade_kata(kata: KataInfo, outcomes: Sequence[CheckOutcome], scorer: Scorer = default_score) -> KataGrade:
    """Grade one kata of one submission. A missing kata scores 0 without asking the scorer."""
    items = latest_per_item(outcomes)
    status = kata_status(items)
    max_score = _max_score(kata)
    if status == MISSING:
        reason = next((item.message for item in items if item_state(item) == MISSING and item.message), "")
        return KataGrade(kata.kata_id, 0.0, max_score, MISSING, missing_reason=reason)
    answer = next((item.message for item in items if item_state(item) == MANUAL), "")
    # a run whose trace contradicts the system earns nothing, under any start method
    forged = any(item.kind == TAMPERED for item in items)
    return KataGrade(
        kata_id=kata.kata_id,
        score=0.0 if status == MANUAL or forged else _checked_score(kata, items, scorer),
        max_score=0.0 if status == MANUAL else max_score,
        answer=answer,
        status=status,
        failed_checks=merge_failures(items),
        passed_checks=merge_passes(items),
        skipped_count=sum(item_state(item) == SKIPPED for item in items),
    )


def with_points(katas: Iterable[KataInfo], points: Mapping[str, float]) -> tuple[KataInfo, ...]:
    """Return the catalogue with the instructor's points per kata id applied."""
    catalogue = tuple(katas)
    unknown = sorted(set(points) - {kata.kata_id for kata in catalogue})
    if unknown:
        raise ValueError(UNKNOWN_OVERRIDE_ERROR.format(kata_ids=", ".join(unknown)))
    return tuple(
        replace(kata, points=float(points[kata.kata_id])) if kata.kata_id in points else kata
        for kata in catalogue
    )


def submission_sort_key(submission: str) -> tuple[str, str, str]:
    """Sort names as a class list reads, whatever the locale: "Émile" next to "Eva", not after "Z".

    Letters are compared without accents and case first, then with accents, then exactly, so the
    order is total and the same on every machine.
    """
    decomposed = unicodedata.normalize("NFKD", submission)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bare.casefold(), unicodedata.normalize("NFC", submission).casefold(), submission


class GradeBook:
    """Collects check outcomes and grades submissions against a kata catalogue.

    Only submissions marked finished (or kept from an earlier run) are *recorded*: class reports
    list those alone, so an interrupted run never records a half-graded submission that a resumed
    run would then keep.
    """

    def __init__(
        self,
        katas: Iterable[KataInfo],
        scorer: Scorer = default_score,
        fingerprints: Optional[Mapping[str, str]] = None,
    ) -> None:
        self._katas = _catalogue(katas)
        self._kata_ids = frozenset(kata.kata_id for kata in self._katas)
        self._scorer = scorer
        self._fingerprints: dict[str, str] = dict(fingerprints or {})
        self._outcomes: dict[str, dict[tuple[str, str, str], CheckOutcome]] = {}
        self._finished: set[str] = set()
        self._previous: dict[str, SubmissionGrade] = {}
        self._cache: dict[str, SubmissionGrade] = {}

    @property
    def katas(self) -> tuple[KataInfo, ...]:
        """The catalogue, in display order."""
        return self._katas

    def add(self, outcome: CheckOutcome) -> None:
        """Record one item's outcome; a later outcome for the same item replaces the earlier one."""
        if outcome.kata_id not in self._kata_ids:
            known = ", ".join(kata.kata_id for kata in self._katas)
            raise ValueError(UNKNOWN_KATA_ERROR.format(kata_id=outcome.kata_id, known=known))
        items = self._outcomes.setdefault(outcome.submission, {})
        items[(outcome.kata_id, outcome.check, outcome.start_method)] = outcome
        self._cache.pop(outcome.submission, None)

    def set_fingerprint(self, submission: str, fingerprint: str) -> None:
        self._fingerprints[submission] = fingerprint
        self._cache.pop(submission, None)

    def outcome_count(self, submission: str) -> int:
        """Distinct check items received for ``submission``."""
        return len(self._outcomes.get(submission, {}))

    def is_complete(self, submission: str, expected_count: int) -> bool:
        return self.outcome_count(submission) >= expected_count

    def outcomes(self, submission: str) -> tuple[CheckOutcome, ...]:
        return tuple(latest_per_item(self._outcomes.get(submission, {}).values()))

    def finish(self, submission: str) -> None:
        """Mark ``submission`` as fully graded, so class reports include it."""
        self._finished.add(submission)

    def is_finished(self, submission: str) -> bool:
        return submission in self._finished

    def preload(self, previous: Mapping[str, SubmissionGrade]) -> tuple[str, ...]:
        """Keep earlier grades of submissions whose code and catalogue are unchanged.

        A grade is kept when its fingerprint equals the one set for the submission in this run and
        its katas and maximum scores match the catalogue. Returns the kept names, sorted, so the
        caller can skip running them.
        """
        kept = {name: grade for name, grade in previous.items() if self._still_valid(name, grade)}
        self._previous.update(kept)
        return tuple(sorted(kept, key=submission_sort_key))

    def submissions(self) -> tuple[str, ...]:
        """Every submission seen in this run or kept from an earlier one, sorted by name."""
        return tuple(sorted(set(self._outcomes) | set(self._previous), key=submission_sort_key))

    def grade(self, submission: str) -> SubmissionGrade:
        """Grade ``submission`` from its outcomes, or return its kept grade if it has none."""
        if submission not in self._outcomes and submission in self._previous:
            return self._previous[submission]
        if submission not in self._cache:
            self._cache[submission] = self._compute(submission)
        return self._cache[submission]

    def recorded_grades(self) -> dict[str, SubmissionGrade]:
        """Grades of finished and kept submissions, sorted by name: what class reports list."""
        names = sorted(self._finished | set(self._previous), key=submission_sort_key)
        return {name: self._recorded_grade(name) for name in names}

    def _recorded_grade(self, submission: str) -> SubmissionGrade:
        if submission in self._finished:
            return self.grade(submission)
        return self._previous[submission]

    def _compute(self, submission: str) -> SubmissionGrade:
        items = list(self._outcomes.get(submission, {}).values())
        katas = tuple(
            grade_kata(kata, [item for item in items if item.kata_id == kata.kata_id], self._scorer)
            for kata in self._katas
        )
        return SubmissionGrade(
            submission=submission,
            total=round(sum(grade.score for grade in katas), SCORE_DECIMALS),
            max_total=round(sum(grade.max_score for grade in katas), SCORE_DECIMALS),
            katas=katas,
            fingerprint=self._fingerprints.get(submission, ""),
            duration=round(sum(item.duration for item in items), 3),
        )

    def _still_valid(self, submission: str, grade: SubmissionGrade) -> bool:
        fingerprint = self._fingerprints.get(submission, "")
        expected = [(kata.kata_id, _max_score(kata)) for kata in self._katas]
        recorded = [(kata.kata_id, kata.max_score) for kata in grade.katas]
        return bool(fingerprint) and fingerprint == grade.fingerprint and recorded == expected


def _max_score(kata: KataInfo) -> float:
    return round(float(kata.points), SCORE_DECIMALS)


def _catalogue(katas: Iterable[KataInfo]) -> tuple[KataInfo, ...]:
    ordered = tuple(sorted(katas, key=lambda kata: (kata.order, kata.kata_id)))
    seen: set[str] = set()
    for kata in ordered:
        if kata.kata_id in seen:
            raise ValueError(DUPLICATE_KATA_ERROR.format(kata_id=kata.kata_id))
        seen.add(kata.kata_id)
    return ordered


def _checked_score(kata: KataInfo, items: Sequence[CheckOutcome], scorer: Scorer) -> float:
    """Call the scorer and make sure what comes back can be written into grade files."""
    raw = scorer(kata, items)
    if raw is None:
        raw = default_score(kata, items)
    if isinstance(raw, bool) or not isinstance(raw, numbers.Real) or not math.isfinite(raw):
        raise TypeError(SCORER_RESULT_ERROR.format(value=raw, kata_id=kata.kata_id))
    return round(float(raw), SCORE_DECIMALS)


def _failed_check(group: Sequence[CheckOutcome]) -> FailedCheck:
    first = group[0]
    states = {item_state(outcome) for outcome in group}
    return FailedCheck(
        check=first.check,
        start_methods=tuple(outcome.start_method for outcome in group),
        message=first.message,
        picture=next((outcome.picture for outcome in group if outcome.picture), ""),
        status=next(status for status in REPORTED_STATUSES if status in states),
        kind=first.kind,
    )


def _display_key(outcome: CheckOutcome) -> tuple[str, int, str, int, str]:
    """Order items by check (instructor's order, then name), then by the usual start methods."""
    method = outcome.start_method
    known = method in START_METHODS
    rank = START_METHODS.index(method) if known else len(START_METHODS)
    return outcome.kata_id, outcome.check_index, outcome.check, rank, method
