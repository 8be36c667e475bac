"""``feedback.md``: what the learner reads, their total, then each kata with what failed and why."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

from pytest_mpkata.grade.escaping import fenced_text, markdown_text, markdown_with_code
from pytest_mpkata.grade.grades import FailedCheck, KataGrade, KataInfo, SubmissionGrade
from pytest_mpkata.grade.points import format_number
from pytest_mpkata.grade.stamp import EnvironmentStamp
from pytest_mpkata.judge.statuses import (
    ERROR,
    FAILED,
    FAILING_STATUSES,
    GRADER_ERROR,
    MANUAL,
    MISSING,
    NOT_STARTED,
    PASSED,
    SKIPPED,
    TIMEOUT,
)
from pytest_mpkata.judge.stops import NOT_REACHED_KIND
from pytest_mpkata.run.startmethods import START_METHODS

__all__ = [
    "ADVICE_HEADING",
    "ANSWER_INTRO",
    "CHECKS_PASSED",
    "CHECK_HEADING",
    "CHECK_VERBS",
    "ENVIRONMENT_FOOTER",
    "FAIL_MARK",
    "FEEDBACK_PASSED_COUNT",
    "FEEDBACK_SUBMISSION",
    "FEEDBACK_TITLE",
    "KATA_HEADING",
    "KATA_VERDICTS",
    "MANUAL_MARK",
    "MISSING_TEXT",
    "NOT_REACHED_HEADING",
    "PASS_MARK",
    "PICTURE_INTRO",
    "SKIPPED_NOTE",
    "SKIPPED_TEXT",
    "VERDICT_WITH_COUNTS",
    "feedback_markdown",
    "feedback_with_advice",
    "kata_file_name",
    "start_methods_phrase",
    "with_info",
]

ADVICE_HEADING = "\n## Advice (not graded)\n\n"
ENVIRONMENT_FOOTER = "\n---\n\n{line}\n"
MISSING_TEXT = "No file named {file_name} was found in your submission."
SKIPPED_TEXT = (
    "Every check of this kata was skipped on the grading machine, so it could not be graded. "
    "Please tell your instructor."
)
PICTURE_INTRO = "What your program did:"

FEEDBACK_TITLE = "# Your grade: {total} / {max_total} points"
FEEDBACK_SUBMISSION = "Submission: {name}"
FEEDBACK_PASSED_COUNT = "Katas passed: {passed} of {count}"
KATA_HEADING = "## {mark} {order:02d} · {title} — {verdict} — {score} / {max_score} points"
CHECK_HEADING = "### `{check}` {verb} under {methods}"
CHECKS_PASSED = "{passed} of {judged} checks passed"
VERDICT_WITH_COUNTS = "{verdict} — {counts}"
SKIPPED_NOTE = "{count} check(s) could not run on the grading machine and were not counted."
PASS_MARK = "✓"
FAIL_MARK = "✗"
KATA_VERDICTS = {
    PASSED: "PASSED",
    FAILED: "FAILED",
    ERROR: "CRASHED",
    TIMEOUT: "TIMED OUT",
    MISSING: "MISSING",
    SKIPPED: "NOT GRADED",
    MANUAL: "FOR YOUR INSTRUCTOR",
    GRADER_ERROR: "GRADER ERROR (not your mistake, not counted)",
    NOT_STARTED: "NOT STARTED",
}
ANSWER_INTRO = "Your answer in words, which your instructor grades:"
MANUAL_MARK = "✎"
NOT_REACHED_HEADING = "### Not judged under {methods}: {checks}"
CHECK_VERBS = {
    FAILED: "failed",
    ERROR: "crashed",
    TIMEOUT: "ran out of time",
    GRADER_ERROR: "could not be judged (grader error)",
    NOT_STARTED: "has nothing to check yet",
}


def kata_file_name(kata_id: str) -> str:
    return f"{kata_id}.py"


def with_info(grade: SubmissionGrade, katas: Sequence[KataInfo]) -> list[tuple[KataGrade, KataInfo]]:
    """Pair each kata grade with its catalogue entry; a grade from an old catalogue gets a stub."""
    by_id = {kata.kata_id: kata for kata in katas}
    return [
        (kata, by_id.get(kata.kata_id) or KataInfo(kata.kata_id, kata.kata_id, 0, kata.max_score))
        for kata in grade.katas
    ]


def feedback_with_advice(
    grade: SubmissionGrade,
    katas: Sequence[KataInfo],
    advice: Sequence[str] = (),
    stamp: Optional[EnvironmentStamp] = None,
) -> str:
    """The feedback page, then advice that is not graded, then the environment it was graded in."""
    feedback = feedback_markdown(grade, katas)
    if advice:
        feedback += ADVICE_HEADING + "".join(f"- {markdown_escape(line)}\n" for line in advice)
    if stamp is not None:
        feedback += ENVIRONMENT_FOOTER.format(line=markdown_escape(stamp.line()))
    return feedback


def feedback_markdown(grade: SubmissionGrade, katas: Sequence[KataInfo]) -> str:
    """The learner's feedback page: their total, then each kata with what failed and why."""
    pairs = with_info(grade, katas)
    passed = sum(kata.status == PASSED for kata, _ in pairs)
    header = [
        FEEDBACK_TITLE.format(total=format_number(grade.total), max_total=format_number(grade.max_total)),
        "",
        FEEDBACK_SUBMISSION.format(name=markdown_text(grade.submission, single_line=True)),
        "",
        FEEDBACK_PASSED_COUNT.format(passed=passed, count=len(pairs)),
    ]
    sections = [line for kata, info in pairs for line in _kata_section(kata, info)]
    return "\n".join([*header, *sections]) + "\n"


def _kata_section(kata: KataGrade, info: KataInfo) -> list[str]:
    lines = ["", _kata_heading(kata, info)]
    if kata.status == MISSING:
        file_name = f"`{kata_file_name(info.kata_id)}`"
        lines += ["", markdown_escape(kata.missing_reason) or MISSING_TEXT.format(file_name=file_name)]
    if kata.answer:
        lines += ["", ANSWER_INTRO, "", *fenced_text(kata.answer)]
    elif kata.status == SKIPPED:
        lines += ["", SKIPPED_TEXT]
    elif kata.skipped_count:
        lines += ["", SKIPPED_NOTE.format(count=kata.skipped_count)]
    judged = [failed for failed in kata.failed_checks if failed.kind != NOT_REACHED_KIND]
    for failed in judged:
        lines += _check_section(failed)
    lines += _not_reached_section([f for f in kata.failed_checks if f.kind == NOT_REACHED_KIND])
    return lines + _pictures_section(kata.failed_checks)


def _pictures_section(failures: Sequence[FailedCheck]) -> list[str]:
    """Each run's picture once, after the checks it explains: every check of a run shares it."""
    pictures = list(dict.fromkeys(failed.picture for failed in failures if failed.picture))
    if not pictures:
        return []
    return ["", PICTURE_INTRO, *(line for picture in pictures for line in ["", *fenced_text(picture)])]


def _not_reached_section(failures: Sequence[FailedCheck]) -> list[str]:
    """The checks a stopped run could not judge, in one block: they all repeat the same cause."""
    if not failures:
        return []
    checks = ", ".join(f"`{failed.check}`" for failed in failures)
    methods = [m for m in START_METHODS if any(m in failed.start_methods for failed in failures)]
    heading = NOT_REACHED_HEADING.format(checks=checks, methods=start_methods_phrase(methods))
    return ["", heading, "", markdown_with_code(failures[0].message)]


def _kata_heading(kata: KataGrade, info: KataInfo) -> str:
    verdict = KATA_VERDICTS.get(kata.status, kata.status.upper())
    if kata.status in FAILING_STATUSES:
        counts = CHECKS_PASSED.format(passed=kata.checks_passed, judged=kata.checks_judged)
        verdict = VERDICT_WITH_COUNTS.format(verdict=verdict, counts=counts)
    return KATA_HEADING.format(
        mark=PASS_MARK if kata.status == PASSED else MANUAL_MARK if kata.status == MANUAL else FAIL_MARK,
        order=info.order,
        title=markdown_escape(info.title),
        verdict=verdict,
        score=format_number(kata.score),
        max_score=format_number(kata.max_score),
    )


def _check_section(failed: FailedCheck) -> list[str]:
    heading = CHECK_HEADING.format(
        check=failed.check,
        verb=CHECK_VERBS.get(failed.status, CHECK_VERBS[FAILED]),
        methods=start_methods_phrase(failed.start_methods),
    )
    return ["", heading, "", markdown_with_code(failed.message)]


def start_methods_phrase(methods: Sequence[str]) -> str:
    """``the fork start method``, ``the fork and spawn start methods``, ..."""
    if len(methods) == 1:
        return f"the {methods[0]} start method"
    return f"the {', '.join(methods[:-1])} and {methods[-1]} start methods"


def markdown_escape(text: str) -> str:
    """Show ``text`` literally in Markdown: ``__main__`` must not turn into bold "main"."""
    return markdown_text(text)
