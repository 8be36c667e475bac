"""Unit tests of grading: scores, statuses, merged feedback, the grade book, the class summary."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

import pytest
from mpkata_testing import check_outcome

from pytest_mpkata.grade.book import (
    GradeBook,
    default_score,
    grade_kata,
    kata_status,
    latest_per_item,
    merge_failures,
    merge_passes,
    submission_sort_key,
    with_points,
)
from pytest_mpkata.grade.grades import FailedCheck, KataGrade, KataInfo, PassedCheck, SubmissionGrade
from pytest_mpkata.grade.summary import KataSummary, class_summary, render_class_summary
from pytest_mpkata.session.outcome import CheckOutcome

METHODS = ("fork", "spawn", "forkserver")
POOL = KataInfo("pool_map", "Map over a pool", 4)
CREATE = KataInfo("create_process", "Create a process", 1)
CATALOGUE = (POOL, CREATE)


def every_method(check: str, status: str = "passed", **fields: object) -> list[CheckOutcome]:
    return [check_outcome(check, method, status, **fields) for method in METHODS]  # type: ignore[arg-type]


# --- default_score ------------------------------------------------------------------------------


def test_all_passed_scores_full_points() -> None:
    assert default_score(POOL, every_method("test_a") + every_method("test_b")) == 10


def test_partial_credit_is_the_share_of_items_passed_rounded_to_cents() -> None:
    outcomes = [
        *every_method("test_a"),
        check_outcome("test_b", "fork"),
        check_outcome("test_b", "spawn", "failed", message="no"),
        check_outcome("test_b", "forkserver", "failed", message="no"),
    ]
    assert default_score(POOL, outcomes) == 6.67


def test_partial_credit_uses_the_kata_points() -> None:
    kata = KataInfo("pool_map", "Map over a pool", 4, points=3)
    outcomes = [check_outcome("test_a", "fork"), check_outcome("test_a", "spawn", "failed")]
    assert default_score(kata, outcomes) == 1.5


def test_skipped_items_are_not_judged() -> None:
    outcomes = [
        check_outcome("test_a", "fork"),
        check_outcome("test_a", "spawn", "failed"),
        check_outcome("test_a", "forkserver", "skipped"),
    ]
    assert default_score(POOL, outcomes) == 5


def test_missing_scores_zero_even_when_other_items_passed() -> None:
    outcomes = [check_outcome("test_a", "fork"), check_outcome("test_b", "fork", "missing")]
    assert default_score(POOL, outcomes) == 0


def test_all_skipped_and_no_outcome_score_zero() -> None:
    assert default_score(POOL, every_method("test_a", "skipped")) == 0
    assert default_score(POOL, []) == 0


def test_each_item_counts_once_and_the_last_outcome_wins() -> None:
    outcomes = [
        check_outcome("test_a", "fork", "failed"),
        check_outcome("test_a", "fork", "passed"),
        check_outcome("test_a", "spawn", "failed"),
    ]
    assert default_score(POOL, outcomes) == 5
    assert len(latest_per_item(outcomes)) == 2


# --- kata_status --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (["passed", "passed"], "passed"),
        (["passed", "skipped"], "passed"),
        (["passed", "failed"], "failed"),
        (["failed", "error"], "error"),
        (["error", "timeout", "failed"], "timeout"),
        (["timeout", "missing"], "missing"),
        (["skipped", "skipped"], "skipped"),
        ([], "missing"),
    ],
)
def test_kata_status_precedence(statuses: list[str], expected: str) -> None:
    outcomes = [check_outcome(f"test_{index}", "fork", status) for index, status in enumerate(statuses)]
    assert kata_status(outcomes) == expected


def test_a_failed_outcome_with_an_unknown_status_counts_as_failed() -> None:
    assert kata_status([check_outcome(status="weird", outcome="failed")]) == "failed"


def test_a_skipped_pytest_outcome_is_skipped_whatever_its_status() -> None:
    assert (
        kata_status([check_outcome(status="failed", outcome="skipped"), check_outcome("test_b")]) == "passed"
    )


# --- merged feedback ----------------------------------------------------------------------------


def test_identical_messages_of_a_check_merge_into_one_entry_listing_the_methods() -> None:
    outcomes = [
        check_outcome("test_pool", "forkserver", "failed", message="the pool was never shut down"),
        check_outcome("test_pool", "spawn", "failed", message="the pool was never shut down", picture="P"),
        check_outcome("test_pool", "fork"),
    ]
    assert merge_failures(outcomes) == (
        FailedCheck("test_pool", ("spawn", "forkserver"), "the pool was never shut down", "P"),
    )


def test_findings_of_one_kind_merge_though_the_run_s_pids_and_counts_differ() -> None:
    outcomes = [
        check_outcome(
            "test_runs",
            "fork",
            "error",
            message="more than 64 processes (67 at once), pid 4242",
            kind="process_limit",
        ),
        check_outcome(
            "test_runs",
            "spawn",
            "error",
            message="more than 64 processes (88 at once), pid 5150",
            kind="process_limit",
        ),
    ]
    merged = merge_failures(outcomes)
    assert [(item.message, item.start_methods) for item in merged] == [
        ("more than 64 processes (67 at once), pid 4242", ("fork", "spawn")),
    ]


def test_different_kinds_of_finding_stay_separate_and_follow_the_check_order() -> None:
    outcomes = [
        check_outcome("test_z", "fork", "failed", message="z broke", check_index=0, kind="z"),
        check_outcome("test_a", "spawn", "failed", message="second", check_index=1, kind="second"),
        check_outcome("test_a", "fork", "failed", message="first", check_index=1, kind="first"),
    ]
    merged = merge_failures(outcomes)
    assert [(item.check, item.message, item.start_methods) for item in merged] == [
        ("test_z", "z broke", ("fork",)),
        ("test_a", "first", ("fork",)),
        ("test_a", "second", ("spawn",)),
    ]


def test_a_merged_entry_keeps_the_worst_status_and_the_first_picture() -> None:
    outcomes = [
        check_outcome("test_a", "fork", "failed", message="stuck"),
        check_outcome("test_a", "spawn", "timeout", message="stuck", picture="spawn picture"),
    ]
    (merged,) = merge_failures(outcomes)
    assert merged.status == "timeout"
    assert merged.picture == "spawn picture"


def test_passes_are_grouped_by_check() -> None:
    outcomes = [
        *every_method("test_a"),
        check_outcome("test_b", "spawn"),
        check_outcome("test_b", "fork", "failed"),
    ]
    assert merge_passes(outcomes) == (
        PassedCheck("test_a", METHODS),
        PassedCheck("test_b", ("spawn",)),
    )


# --- grade_kata and scorers ---------------------------------------------------------------------


def test_grade_kata_fills_every_field() -> None:
    outcomes = [
        check_outcome("test_a", "fork"),
        check_outcome("test_a", "spawn", "error", message="crashed", picture="boom"),
        check_outcome("test_a", "forkserver", "skipped"),
    ]
    assert grade_kata(POOL, outcomes) == KataGrade(
        kata_id="pool_map",
        score=5.0,
        max_score=10.0,
        status="error",
        failed_checks=(FailedCheck("test_a", ("spawn",), "crashed", "boom", "error"),),
        passed_checks=(PassedCheck("test_a", ("fork",)),),
        skipped_count=1,
    )


def test_check_counts_of_a_kata_grade() -> None:
    outcomes = [*every_method("test_a"), check_outcome("test_b", "fork", "failed")]
    grade = grade_kata(POOL, outcomes)
    assert (grade.checks_passed, grade.checks_failed, grade.checks_judged) == (3, 1, 4)


def test_a_missing_kata_scores_zero_without_asking_the_scorer() -> None:
    def scorer(kata: KataInfo, outcomes: Sequence[CheckOutcome]) -> float:
        raise AssertionError("not called for a missing kata")

    grade = grade_kata(POOL, every_method("test_a", "missing", message="not submitted"), scorer)
    assert grade == KataGrade("pool_map", 0.0, 10.0, "missing", missing_reason="not submitted")


def test_a_custom_scorer_replaces_the_default() -> None:
    seen: list[tuple[str, int]] = []

    def all_or_nothing(kata: KataInfo, outcomes: Sequence[CheckOutcome]) -> float:
        seen.append((kata.kata_id, len(outcomes)))
        return kata.points if all(item.outcome == "passed" for item in outcomes) else 0

    outcomes = [check_outcome("test_a", "fork"), check_outcome("test_a", "spawn", "failed")]
    assert grade_kata(POOL, outcomes, all_or_nothing).score == 0
    assert seen == [("pool_map", 2)]


def test_a_scorer_returning_none_falls_back_to_the_default() -> None:
    outcomes = [check_outcome("test_a", "fork"), check_outcome("test_a", "spawn", "failed")]
    assert grade_kata(POOL, outcomes, lambda kata, items: None).score == 5


def test_a_scorer_result_is_rounded_to_cents() -> None:
    assert grade_kata(POOL, [check_outcome()], lambda kata, items: 1 / 3).score == 0.33


@pytest.mark.parametrize("bad", [math.nan, math.inf, True, "10"])
def test_a_scorer_result_that_cannot_be_written_is_refused(bad: object) -> None:
    with pytest.raises(TypeError, match="pool_map"):
        grade_kata(POOL, [check_outcome()], lambda kata, items: bad)  # type: ignore[arg-type,return-value]


def test_with_points_overrides_the_points_of_named_katas() -> None:
    katas = with_points(CATALOGUE, {"pool_map": 20})
    assert katas == (KataInfo("pool_map", "Map over a pool", 4, 20.0), CREATE)
    assert grade_kata(katas[0], [check_outcome()]).max_score == 20


def test_with_points_refuses_unknown_katas() -> None:
    with pytest.raises(ValueError, match="nope"):
        with_points(CATALOGUE, {"nope": 1})


# --- GradeBook ----------------------------------------------------------------------------------


def test_every_submission_gets_a_grade_for_every_kata_in_order() -> None:
    book = GradeBook(CATALOGUE, fingerprints={"alice": "f1"})
    book.add(check_outcome("test_a", "fork", duration=1.5))
    book.add(check_outcome("test_a", "spawn", "failed", duration=0.25))
    grade = book.grade("alice")
    assert [kata.kata_id for kata in book.katas] == ["create_process", "pool_map"]
    assert grade == SubmissionGrade(
        submission="alice",
        total=5.0,
        max_total=20.0,
        katas=(
            KataGrade("create_process", 0.0, 10.0, "missing"),
            grade_kata(POOL, [check_outcome("test_a"), check_outcome("test_a", "spawn", "failed")]),
        ),
        fingerprint="f1",
        duration=1.75,
    )
    assert grade.kata("create_process") == grade.katas[0]
    assert grade.kata("unknown") is None


def test_a_submission_never_seen_is_all_missing() -> None:
    grade = GradeBook(CATALOGUE).grade("nobody")
    assert [kata.status for kata in grade.katas] == ["missing", "missing"]
    assert (grade.total, grade.max_total, grade.fingerprint) == (0, 20, "")


def test_the_book_uses_its_scorer() -> None:
    book = GradeBook(CATALOGUE, scorer=lambda kata, items: 7)
    book.add(check_outcome())
    assert book.grade("alice").kata("pool_map") == KataGrade(
        "pool_map", 7.0, 10.0, "passed", passed_checks=(PassedCheck("test_log_file", ("fork",)),)
    )


def test_an_outcome_for_an_unknown_kata_is_refused() -> None:
    with pytest.raises(ValueError, match="'nope'"):
        GradeBook(CATALOGUE).add(check_outcome(kata_id="nope"))


def test_a_catalogue_with_a_kata_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="twice"):
        GradeBook([POOL, POOL])


def test_completeness_counts_distinct_items() -> None:
    book = GradeBook(CATALOGUE)
    book.add(check_outcome("test_a", "fork", "failed"))
    book.add(check_outcome("test_a", "fork", "passed"))
    assert book.outcome_count("alice") == 1
    assert not book.is_complete("alice", 2)
    book.add(check_outcome("test_a", "spawn"))
    assert book.is_complete("alice", 2)
    assert [item.start_method for item in book.outcomes("alice")] == ["fork", "spawn"]
    assert book.outcomes("alice")[0].outcome == "passed"


def test_a_grade_follows_later_outcomes_and_fingerprints() -> None:
    book = GradeBook(CATALOGUE)
    book.add(check_outcome("test_a", "fork"))
    assert book.grade("alice").total == 10
    book.add(check_outcome("test_a", "spawn", "failed"))
    book.set_fingerprint("alice", "f2")
    assert (book.grade("alice").total, book.grade("alice").fingerprint) == (5, "f2")


def test_only_finished_submissions_are_recorded() -> None:
    book = GradeBook(CATALOGUE)
    book.add(check_outcome(submission="bob"))
    book.add(check_outcome(submission="alice"))
    assert book.recorded_grades() == {}
    book.finish("bob")
    assert book.is_finished("bob") and not book.is_finished("alice")
    assert list(book.recorded_grades()) == ["bob"]
    assert book.submissions() == ("alice", "bob")


def test_submissions_sort_by_name_ignoring_case_and_unicode_form() -> None:
    names = ["bob", "Zoë", "Émile", "alice", "E\u0301va", "Alice", "Eve"]
    expected = ["Alice", "alice", "bob", "Émile", "E\u0301va", "Eve", "Zoë"]
    assert sorted(names, key=submission_sort_key) == expected


def previous_grade(name: str, fingerprint: str, katas: Sequence[KataInfo] = CATALOGUE) -> SubmissionGrade:
    book = GradeBook(katas, fingerprints={name: fingerprint})
    book.add(check_outcome(submission=name))
    return book.grade(name)


def test_preload_keeps_unchanged_submissions_only() -> None:
    previous = {
        "same": previous_grade("same", "f-same"),
        "changed": previous_grade("changed", "f-old"),
        "gone": previous_grade("gone", "f-gone"),
        "unfingerprinted": previous_grade("unfingerprinted", ""),
        "other catalogue": previous_grade(
            "other catalogue", "f-cat", with_points(CATALOGUE, {"pool_map": 5})
        ),
    }
    current = {
        "same": "f-same",
        "changed": "f-new",
        "unfingerprinted": "",
        "other catalogue": "f-cat",
    }
    book = GradeBook(CATALOGUE, fingerprints=current)
    assert book.preload(previous) == ("same",)
    assert book.recorded_grades() == {"same": previous["same"]}
    assert book.grade("same") is previous["same"]
    assert book.submissions() == ("same",)


def test_new_outcomes_replace_a_kept_grade_once_the_submission_is_finished() -> None:
    kept = previous_grade("alice", "f1")
    book = GradeBook(CATALOGUE, fingerprints={"alice": "f1"})
    book.preload({"alice": kept})
    book.add(check_outcome("test_a", "fork", "failed"))
    assert book.recorded_grades()["alice"] is kept
    book.finish("alice")
    assert book.recorded_grades()["alice"].total == 0


# --- class summary ------------------------------------------------------------------------------


def summary_book() -> GradeBook:
    book = GradeBook(CATALOGUE)
    long_message = "the pool was never shut down " + "and more " * 20
    runs = {
        "alice": [
            check_outcome("test_a", "fork"),
            check_outcome("test_a", "spawn", "failed", message=long_message),
        ],
        "bob": [
            check_outcome("test_a", "fork", "failed", message=long_message),
            check_outcome("test_a", "spawn", "failed", message=long_message + "\nsecond line"),
        ],
        "carol": [
            check_outcome("test_a", "fork", "timeout"),
            check_outcome("test_b", "fork", "failed", message="b"),
        ],
        "dave": [check_outcome("test_a", "fork")],
        "erin": [check_outcome("test_a", "fork", "missing")],
    }
    for name, outcomes in runs.items():
        for item in outcomes:
            book.add(replace(item, submission=name))
        book.finish(name)
    book.add(check_outcome(submission="unfinished", status="failed", message="not counted"))
    return book


def test_class_summary_counts_passes_submissions_and_the_most_common_failure() -> None:
    rows = class_summary(summary_book())
    headline = ("the pool was never shut down " + "and more " * 20)[:97].rstrip() + "..."
    assert rows == [
        KataSummary("create_process", "Create a process", 1, passed=0, submitted=0, total=5),
        KataSummary(
            "pool_map",
            "Map over a pool",
            4,
            passed=1,
            submitted=4,
            total=5,
            top_failure=headline,
            top_failure_count=2,
        ),
    ]
    assert len(headline) == 100


def test_a_failure_without_message_is_counted_by_its_status() -> None:
    book = GradeBook(CATALOGUE)
    for name in ("a", "b"):
        book.add(check_outcome(submission=name, status="timeout"))
        book.finish(name)
    book.add(check_outcome(submission="c", status="failed", message="zzz"))
    book.finish("c")
    row = class_summary(book)[1]
    assert (row.top_failure, row.top_failure_count) == ("the program hit its time limit", 2)


def test_ties_between_failures_are_broken_alphabetically() -> None:
    book = GradeBook(CATALOGUE)
    for name, message in (("a", "zebra"), ("b", "apple")):
        book.add(check_outcome(submission=name, status="failed", message=message))
        book.finish(name)
    assert class_summary(book)[1].top_failure == "apple"


def test_render_class_summary_aligns_columns() -> None:
    rows = [
        KataSummary("create_process", "Create a process", 1, 60, 60, 60),
        KataSummary("pool_map", "Map over a pool", 4, 41, 58, 60, "the pool was never shut down", 12),
        KataSummary("worker_pool", "A pool", 5, 7, 9, 60),
    ]
    assert render_class_summary(rows) == [
        "01 create_process  60/60 passed  60 submitted",
        "04 pool_map        41/60 passed  58 submitted"
        "  most common failure (12\u00d7): the pool was never shut down",
        "05 worker_pool      7/60 passed   9 submitted",
    ]


def test_render_class_summary_of_nothing_is_empty() -> None:
    assert render_class_summary([]) == []
