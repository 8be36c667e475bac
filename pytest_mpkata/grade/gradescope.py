"""``results.json`` in Gradescope's autograder results format, one test per check and start methods.

Format: https://gradescope-autograders.readthedocs.io/en/latest/specs/ (``tests`` with ``name``,
``score``, ``max_score``, ``status``, ``output``, ``visibility``; ``extra_data`` is kept by
Gradescope and shown to no one).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

from pytest_mpkata.grade.feedback import (
    ANSWER_INTRO,
    MISSING_TEXT,
    PICTURE_INTRO,
    SKIPPED_TEXT,
    kata_file_name,
    with_info,
)
from pytest_mpkata.grade.grades import FailedCheck, KataGrade, KataInfo, SubmissionGrade
from pytest_mpkata.grade.points import clean_number, format_number, split_points
from pytest_mpkata.grade.stamp import EnvironmentStamp
from pytest_mpkata.judge.statuses import FAILED, MANUAL, MISSING, PASSED

__all__ = [
    "GRADESCOPE_TEXT_FORMAT",
    "GRADESCOPE_VISIBILITY",
    "MISSING_TEST_NAME",
    "RESULTS_SUMMARY",
    "SKIPPED_TEST_NAME",
    "TEST_NAME",
    "gradescope_results",
]

GRADESCOPE_VISIBILITY = "visible"
GRADESCOPE_TEXT_FORMAT = "text"

RESULTS_SUMMARY = "{passed} of {count} katas passed. Score: {total} / {max_total}."
TEST_NAME = "{title}: {check} [{methods}]"
MISSING_TEST_NAME = "{title}: {file_name}"
SKIPPED_TEST_NAME = "{title}: not graded"


def gradescope_results(
    grade: SubmissionGrade, katas: Sequence[KataInfo], stamp: Optional[EnvironmentStamp] = None
) -> dict[str, object]:
    """The content of ``results.json`` in Gradescope's autograder results format.

    Each test is one check under the start methods that gave the same result; a kata's points are
    split over its check items, so the tests add up to the top-level score.  The environment stamp
    goes in ``extra_data`` and, as one sentence, at the end of the overall ``output``.
    """
    pairs = with_info(grade, katas)
    passed = sum(kata.status == PASSED for kata, _ in pairs)
    summary = RESULTS_SUMMARY.format(
        passed=passed,
        count=len(pairs),
        total=format_number(grade.total),
        max_total=format_number(grade.max_total),
    )
    results: dict[str, object] = {
        "score": clean_number(grade.total),
        "execution_time": round(grade.duration),
        "output": summary if stamp is None else f"{summary}\n{stamp.line()}",
        "output_format": GRADESCOPE_TEXT_FORMAT,
        "visibility": GRADESCOPE_VISIBILITY,
        "stdout_visibility": GRADESCOPE_VISIBILITY,
        "tests": [test for kata, info in pairs for test in _kata_tests(kata, info)],
    }
    if stamp is not None:
        results["extra_data"] = {"environment": stamp.as_dict()}
    return results


def _kata_tests(kata: KataGrade, info: KataInfo) -> list[dict[str, object]]:
    """One test per merged failure, then one per passed check: problems come first to the eye."""
    groups: list[tuple[str, Sequence[str], Optional[FailedCheck]]] = [
        *((failed.check, failed.start_methods, failed) for failed in kata.failed_checks),
        *((passed.check, passed.start_methods, None) for passed in kata.passed_checks),
    ]
    if not groups:
        return [_whole_kata_test(kata, info)]
    weights = [len(methods) for _, methods, _ in groups]
    earned = [0 if failed else weight for (_, _, failed), weight in zip(groups, weights)]
    scores = split_points(kata.score, earned if any(earned) else weights)
    maxima = split_points(kata.max_score, weights)
    rows = enumerate(zip(groups, scores, maxima), 1)
    return [
        _gradescope_test(info, number, check, methods, failed, score, maximum)
        for number, ((check, methods, failed), score, maximum) in rows
    ]


def _gradescope_test(
    info: KataInfo,
    number: int,
    check: str,
    methods: Sequence[str],
    failed: Optional[FailedCheck],
    score: float,
    maximum: float,
) -> dict[str, object]:
    return {
        "name": TEST_NAME.format(title=info.title, check=check, methods=", ".join(methods)),
        "number": f"{info.order}.{number}",
        "score": clean_number(score),
        "max_score": clean_number(maximum),
        "status": FAILED if failed else PASSED,
        "output": _failure_text(failed) if failed else "",
        "tags": [info.kata_id],
        "visibility": GRADESCOPE_VISIBILITY,
    }


def _whole_kata_test(kata: KataGrade, info: KataInfo) -> dict[str, object]:
    """One test standing for a kata that has no judged check: missing, or entirely skipped."""
    file_name = kata_file_name(info.kata_id)
    missing = kata.status == MISSING
    name = MISSING_TEST_NAME if missing else SKIPPED_TEST_NAME
    return {
        "name": name.format(title=info.title, file_name=file_name),
        "number": f"{info.order}.1",
        "score": clean_number(kata.score),
        "max_score": clean_number(kata.max_score),
        "status": PASSED if kata.status == PASSED else FAILED,
        "output": _whole_kata_output(kata, file_name),
        "tags": [info.kata_id],
        "visibility": GRADESCOPE_VISIBILITY,
    }


def _whole_kata_output(kata: KataGrade, file_name: str) -> str:
    if kata.status == MANUAL:
        return f"{ANSWER_INTRO}\n\n{kata.answer}"
    if kata.status == MISSING:
        return kata.missing_reason or MISSING_TEXT.format(file_name=file_name)
    return SKIPPED_TEXT


def _failure_text(failed: FailedCheck) -> str:
    if not failed.picture:
        return failed.message
    return f"{failed.message}\n\n{PICTURE_INTRO}\n{failed.picture.rstrip()}"
