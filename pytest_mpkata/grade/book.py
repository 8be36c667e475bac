"""Turn the outcome of every check into grades: a score and a status per kata and per submission.

The pytest session produces one outcome per (submission, kata, check, start method), in any order
and possibly from several worker processes. This module gathers them in a ``GradeBook`` and scores
each kata by partial credit, so a learner whose program works under ``fork`` but not ``spawn`` sees
both facts, and the instructor gets one comparable number per kata. It also keeps grades recorded by
an earlier run, so an unchanged submission is not graded again.
"""

from __future__ import annotations

import math
import numbers
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Optional

from pytest_mpkata.judge.stops import GRADER_ERROR
from pytest_mpkata.session.outcome import CheckOutcome

PASSED = "passed"
FAILED = "failed"
ERROR = "error"
TIMEOUT = "timeout"
MISSING = "missing"
SKIPPED = "skipped"
MANUAL = "manual"
"""An answer in words: the instructor grades it; it earns no automatic points and adds none to the maximum."""
FAILING_STATUSES = (TIMEOUT, ERROR, FAILED)
"""Worst first: a kata that timed out once is reported as timed out, even if other checks failed."""
REPORTED_STATUSES = (GRADER_ERROR, *FAILING_STATUSES)
"""What a kata's failed checks list: a grader error (not counted, shown to the instructor) and failures."""

START_METHOD_ORDER = ("fork", "spawn", "forkserver")
DEFAULT_POINTS = 10.0
SCORE_DECIMALS = 2
FAILURE_WIDTH = 100

FAILURE_FALLBACKS = {
    TIMEOUT: "the program hit its time limit",
    ERROR: "the program crashed before the checks could judge it",
    FAILED: "a check failed",
    GRADER_ERROR: "a check could not judge the answer (grader error)",
}
"""What the class summary counts when a failing check came without a message."""

UNKNOWN_KATA_ERROR = "outcome for kata {kata_id!r}, which is not in the catalogue {known}"
DUPLICATE_KATA_ERROR = "kata {kata_id!r} appears twice in the catalogue"
UNKNOWN_OVERRIDE_ERROR = "points given for unknown kata(s): {kata_ids}"
SCORER_RESULT_ERROR = "the scorer returned {value!r} for kata {kata_id!r}; expected a finite number"

SUMMARY_LINE = (
    "{order:02d} {kata_id:<{id_width}}  {passed:>{count_width}}/{total:<{count_width}} passed"
    "  {submitted:>{count_width}} submitted"
)
NOT_REACHED_KIND = "not_reached"
SUMMARY_WORDS = "  {count} answered in words, for you to grade (manual/{kata_id}.md)"
SUMMARY_FAILURE = "  most common failure ({count}\u00d7): {message}"
ELLIPSIS = "..."


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
    return KataGrade(
        kata_id=kata.kata_id,
        score=0.0 if status == MANUAL else _checked_score(kata, items, scorer),
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
    known = method in START_METHOD_ORDER
    rank = START_METHOD_ORDER.index(method) if known else len(START_METHOD_ORDER)
    return outcome.kata_id, outcome.check_index, outcome.check, rank, method
