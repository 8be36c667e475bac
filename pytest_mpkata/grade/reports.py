"""Write grades to disk: the class files, and per submission a Gradescope file and a feedback page.

Output folder layout::

    OUT/grades.json            every recorded grade; read back to resume an interrupted class run
    OUT/grades.csv             one row per submission, for spreadsheets and learning platforms
    OUT/<safe name>/results.json   Gradescope autograder results for that submission
    OUT/<safe name>/feedback.md    what the learner reads: what passed, what failed and why

Every file is replaced atomically, so a crash or Ctrl-C leaves either the old file or the new one,
never half of one: a half-written grades.json would lose the whole class's grades on resume.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import os
import tempfile
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional, TypeVar

from pytest_mpkata.grade.book import (
    FAILING_STATUSES,
    MANUAL,
    MISSING,
    PASSED,
    SKIPPED,
    FailedCheck,
    GradeBook,
    KataGrade,
    KataInfo,
    PassedCheck,
    SubmissionGrade,
)
from pytest_mpkata.grade.safe_names import safe_name

SCHEMA = "pytest-mpkata/grades/1"
GRADES_JSON = "grades.json"
GRADES_CSV = "grades.csv"
RESULTS_JSON = "results.json"
FEEDBACK_MD = "feedback.md"
CLASS_REPORT_NAMES = (GRADES_JSON, GRADES_CSV)
"""Names a submission's report folder must not take, or it would clash with the class files."""

ENCODING = "utf-8"
ENCODING_ERRORS = "backslashreplace"
"""Folder names that are not valid UTF-8 reach Python as lone surrogates. Written this way they
become ``\\udcXX`` escapes: still valid JSON that reads back to the same name."""
NEW_FILE_MODE = 0o644
TEMPORARY_SUFFIX = ".tmp"
SCORE_DECIMALS = 2
GRADESCOPE_VISIBILITY = "visible"
GRADESCOPE_TEXT_FORMAT = "text"

RESULTS_SUMMARY = "{passed} of {count} katas passed. Score: {total} / {max_total}."
TEST_NAME = "{title}: {check} [{methods}]"
MISSING_TEST_NAME = "{title}: {file_name}"
SKIPPED_TEST_NAME = "{title}: not graded"
ADVICE_HEADING = "\n## Advice (not graded)\n\n"
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
    "failed": "FAILED",
    "error": "CRASHED",
    "timeout": "TIMED OUT",
    MISSING: "MISSING",
    SKIPPED: "NOT GRADED",
    MANUAL: "FOR YOUR INSTRUCTOR",
}
ANSWER_INTRO = "Your answer in words, which your instructor grades:"
MANUAL_FOLDER = "manual"
MANUAL_TITLE = "# {title}: every answer in words"
MANUAL_ENTRY = "## {name}"
CHECK_VERBS = {"failed": "failed", "error": "crashed", "timeout": "ran out of time"}
MARKDOWN_SPECIALS = frozenset("\\`*_[]<>#|~")

_T = TypeVar("_T")


def report_dir_name(submission: str) -> str:
    """The folder, inside OUT, that holds one submission's reports."""
    return safe_name(submission, reserved=CLASS_REPORT_NAMES)


def kata_file_name(kata_id: str) -> str:
    return f"{kata_id}.py"


# --- writing ------------------------------------------------------------------------------------


def write_submission_reports(
    out_dir: Path, book: GradeBook, submission: str, advice: Sequence[str] = ()
) -> Path:
    """Write ``results.json`` and ``feedback.md`` for one submission; return their folder.

    ``advice`` (e.g. how a notebook answer would fare inside Jupyter) is not graded: it is
    added to the feedback after the grades.
    """
    grade = book.grade(submission)
    folder = Path(out_dir) / report_dir_name(submission)
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write_text(folder / RESULTS_JSON, _json_text(gradescope_results(grade, book.katas)))
    feedback = feedback_markdown(grade, book.katas)
    if advice:
        feedback += ADVICE_HEADING + "".join(f"- {markdown_escape(line)}\n" for line in advice)
    atomic_write_text(folder / FEEDBACK_MD, feedback)
    return folder


def write_class_reports(out_dir: Path, book: GradeBook, now: Optional[datetime] = None) -> None:
    """Write ``grades.json`` and ``grades.csv`` for every recorded submission of ``book``."""
    grades = book.recorded_grades()
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    document = grades_document(grades, book.katas, now or datetime.now(timezone.utc))
    atomic_write_text(folder / GRADES_JSON, _json_text(document))
    atomic_write_text(folder / GRADES_CSV, grades_csv(grades, book.katas))
    write_manual_answers(folder, grades, book.katas)


def write_manual_answers(
    folder: Path, grades: Mapping[str, SubmissionGrade], katas: Sequence[KataInfo]
) -> None:
    """One ``manual/<question>.md`` per question answered in words: every learner's answer in one place."""
    for info in katas:
        answers = [(name, grade.kata(info.kata_id)) for name, grade in sorted(grades.items())]
        written = [(name, kata.answer) for name, kata in answers if kata is not None and kata.answer]
        if not written:
            continue
        lines = [MANUAL_TITLE.format(title=markdown_escape(info.title))]
        for name, answer in written:
            lines += ["", MANUAL_ENTRY.format(name=markdown_escape(name)), "", *fenced_text(answer)]
        (folder / MANUAL_FOLDER).mkdir(exist_ok=True)
        atomic_write_text(folder / MANUAL_FOLDER / f"{info.kata_id}.md", "\n".join(lines) + "\n")


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8, byte for byte (no newline translation), atomically."""
    atomic_write_bytes(path, text.encode(ENCODING, ENCODING_ERRORS))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename it over ``path``.

    The rename is atomic on POSIX and Windows, so readers and later runs see the old file or the
    new one. On any failure, including Ctrl-C, the temporary file is removed and the old file kept.
    """
    target = Path(path)
    mode = _mode_for(target)
    prefix = f".{target.name}."
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=prefix, suffix=TEMPORARY_SUFFIX)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        _remove_quietly(temporary)
        raise
    _sync_folder(target.parent)


def _mode_for(target: Path) -> int:
    """Keep the permissions of the file being replaced; temporary files start private."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return NEW_FILE_MODE


def _remove_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the system allows it (not on Windows)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _json_text(document: Mapping[str, object]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# --- grades.json and grades.csv -----------------------------------------------------------------


def grades_document(
    grades: Mapping[str, SubmissionGrade], katas: Sequence[KataInfo], generated_at: datetime
) -> dict[str, object]:
    """The content of ``grades.json``."""
    return {
        "schema": SCHEMA,
        "generated_at": generated_at.isoformat(timespec="seconds"),
        "katas": [_kata_entry(kata) for kata in katas],
        "submissions": {name: _submission_entry(grade) for name, grade in grades.items()},
    }


def grades_csv(grades: Mapping[str, SubmissionGrade], katas: Sequence[KataInfo]) -> str:
    """The content of ``grades.csv``: a header, then one row per submission."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["submission", *(kata.kata_id for kata in katas), "total", "max"])
    for name, grade in grades.items():
        scores = [_kata_score_text(grade, kata.kata_id) for kata in katas]
        writer.writerow([name, *scores, format_number(grade.total), format_number(grade.max_total)])
    return buffer.getvalue()


def format_number(value: float) -> str:
    """Two decimals at most and no trailing zeros: ``10``, ``6.67``, ``2.5``."""
    return str(clean_number(value))


def clean_number(value: float) -> float | int:
    """Round to cents and give whole numbers as ``int``, so files show ``10``, not ``10.0``."""
    rounded = round(float(value), SCORE_DECIMALS) + 0.0
    return int(rounded) if rounded.is_integer() else rounded


def _kata_score_text(grade: SubmissionGrade, kata_id: str) -> str:
    """A kata's score; an answer in words alone reads ``manual``: the instructor gives its points."""
    kata = grade.kata(kata_id)
    if kata is None:
        return ""
    return MANUAL if kata.status == MANUAL else format_number(kata.score)


def _kata_entry(kata: KataInfo) -> dict[str, object]:
    return {
        "id": kata.kata_id,
        "title": kata.title,
        "order": kata.order,
        "max_score": clean_number(kata.points),
    }


def _submission_entry(grade: SubmissionGrade) -> dict[str, object]:
    return {
        "total": clean_number(grade.total),
        "max": clean_number(grade.max_total),
        "fingerprint": grade.fingerprint,
        "report_dir": report_dir_name(grade.submission),
        "duration": round(grade.duration, 3),
        "katas": {kata.kata_id: _kata_grade_entry(kata) for kata in grade.katas},
    }


def _kata_grade_entry(kata: KataGrade) -> dict[str, object]:
    return {
        "score": clean_number(kata.score),
        "max_score": clean_number(kata.max_score),
        "status": kata.status,
        "failed_checks": [_failed_entry(failed) for failed in kata.failed_checks],
        "passed_checks": [_passed_entry(passed) for passed in kata.passed_checks],
        "skipped": kata.skipped_count,
        **({"answer": kata.answer} if kata.answer else {}),
        **({"missing_reason": kata.missing_reason} if kata.missing_reason else {}),
    }


def _failed_entry(failed: FailedCheck) -> dict[str, object]:
    return {
        "check": failed.check,
        "start_methods": list(failed.start_methods),
        "message": failed.message,
        "status": failed.status,
        "picture": failed.picture,
        **({"kind": failed.kind} if failed.kind else {}),
    }


def _passed_entry(passed: PassedCheck) -> dict[str, object]:
    return {"check": passed.check, "start_methods": list(passed.start_methods)}


# --- reading grades.json back -------------------------------------------------------------------


def load_grades(out_dir: Path) -> dict[str, SubmissionGrade]:
    """Read the grades recorded in ``OUT/grades.json``, to resume a class run.

    Returns an empty dict when the file is absent, unreadable or of another schema. A submission
    whose entry is damaged is left out, so it is simply graded again.
    """
    document = _read_json(Path(out_dir) / GRADES_JSON)
    if not isinstance(document, dict) or document.get("schema") != SCHEMA:
        return {}
    submissions = document.get("submissions")
    if not isinstance(submissions, dict):
        return {}
    grades = (_parsed_submission(name, entry) for name, entry in submissions.items())
    return {grade.submission: grade for grade in grades if grade is not None}


def _read_json(path: Path) -> object:
    try:
        return json.loads(path.read_bytes().decode(ENCODING))
    except (OSError, ValueError):
        return None


def _parsed_submission(name: str, entry: object) -> Optional[SubmissionGrade]:
    try:
        return _submission_from_entry(name, _as_dict(entry))
    except (KeyError, TypeError, ValueError):
        return None


def _submission_from_entry(name: str, entry: dict[str, object]) -> SubmissionGrade:
    katas = _as_dict(entry["katas"])
    return SubmissionGrade(
        submission=name,
        total=_as_number(entry["total"]),
        max_total=_as_number(entry["max"]),
        katas=tuple(_kata_from_entry(kata_id, _as_dict(kata)) for kata_id, kata in katas.items()),
        fingerprint=_as(entry["fingerprint"], str),
        duration=_as_number(entry.get("duration", 0.0)),
    )


def _kata_from_entry(kata_id: str, entry: dict[str, object]) -> KataGrade:
    return KataGrade(
        kata_id=kata_id,
        score=_as_number(entry["score"]),
        max_score=_as_number(entry["max_score"]),
        status=_as(entry["status"], str),
        failed_checks=tuple(map(_failed_from_entry, _as_dicts(entry["failed_checks"]))),
        passed_checks=tuple(map(_passed_from_entry, _as_dicts(entry.get("passed_checks", [])))),
        skipped_count=_as(entry.get("skipped", 0), int),
        answer=_as(entry.get("answer", ""), str),
        missing_reason=_as(entry.get("missing_reason", ""), str),
    )


def _failed_from_entry(entry: dict[str, object]) -> FailedCheck:
    return FailedCheck(
        check=_as(entry["check"], str),
        start_methods=_as_methods(entry["start_methods"]),
        message=_as(entry["message"], str),
        picture=_as(entry.get("picture", ""), str),
        status=_as(entry.get("status", "failed"), str),
        kind=_as(entry.get("kind", ""), str),
    )


def _passed_from_entry(entry: dict[str, object]) -> PassedCheck:
    methods = _as_methods(entry["start_methods"])
    return PassedCheck(check=_as(entry["check"], str), start_methods=methods)


def _as(value: object, kind: type[_T]) -> _T:
    """Check a value read from JSON; ``true`` is no count though ``bool`` subclasses ``int``."""
    if isinstance(value, kind) and not (isinstance(value, bool) and kind is not bool):
        return value
    raise TypeError(f"expected {kind.__name__}, found {type(value).__name__}")


def _as_dict(value: object) -> dict[str, object]:
    return _as(value, dict)


def _as_dicts(value: object) -> list[dict[str, object]]:
    return [_as_dict(item) for item in _as(value, list)]


def _as_number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise TypeError(f"expected a number, found {value!r}")
    return float(value)


def _as_methods(value: object) -> tuple[str, ...]:
    return tuple(_as(method, str) for method in _as(value, list))


# --- results.json (Gradescope) ------------------------------------------------------------------


def gradescope_results(grade: SubmissionGrade, katas: Sequence[KataInfo]) -> dict[str, object]:
    """The content of ``results.json`` in Gradescope's autograder results format.

    Each test is one check under the start methods that gave the same result; a kata's points are
    split over its check items, so the tests add up to the top-level score.
    """
    pairs = _with_info(grade, katas)
    passed = sum(kata.status == PASSED for kata, _ in pairs)
    return {
        "score": clean_number(grade.total),
        "execution_time": round(grade.duration),
        "output": RESULTS_SUMMARY.format(
            passed=passed,
            count=len(pairs),
            total=format_number(grade.total),
            max_total=format_number(grade.max_total),
        ),
        "output_format": GRADESCOPE_TEXT_FORMAT,
        "visibility": GRADESCOPE_VISIBILITY,
        "stdout_visibility": GRADESCOPE_VISIBILITY,
        "tests": [test for kata, info in pairs for test in _kata_tests(kata, info)],
    }


def _with_info(grade: SubmissionGrade, katas: Sequence[KataInfo]) -> list[tuple[KataGrade, KataInfo]]:
    """Pair each kata grade with its catalogue entry; a grade from an old catalogue gets a stub."""
    by_id = {kata.kata_id: kata for kata in katas}
    return [
        (kata, by_id.get(kata.kata_id) or KataInfo(kata.kata_id, kata.kata_id, 0, kata.max_score))
        for kata in grade.katas
    ]


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
        "status": "failed" if failed else "passed",
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
        "status": "passed" if kata.status == PASSED else "failed",
        "output": MISSING_TEXT.format(file_name=file_name) if missing else SKIPPED_TEXT,
        "tags": [info.kata_id],
        "visibility": GRADESCOPE_VISIBILITY,
    }


def _failure_text(failed: FailedCheck) -> str:
    if not failed.picture:
        return failed.message
    return f"{failed.message}\n\n{PICTURE_INTRO}\n{failed.picture.rstrip()}"


def split_points(amount: float, weights: Sequence[int]) -> list[float]:
    """Split ``amount`` in proportion to ``weights``, in cents that add up exactly to ``amount``.

    Largest remainders get the leftover cents, so 10 points over three tests give 3.34, 3.33, 3.33.
    """
    total_weight = sum(weights)
    if total_weight <= 0:
        return [0.0] * len(weights)
    cents = round(amount * 100)
    exact = [cents * weight / total_weight for weight in weights]
    shares = [math.floor(value) for value in exact]
    by_remainder = sorted(range(len(weights)), key=lambda index: shares[index] - exact[index])
    for index in by_remainder[: cents - sum(shares)]:
        shares[index] += 1
    return [share / 100 for share in shares]


# --- feedback.md --------------------------------------------------------------------------------


def feedback_markdown(grade: SubmissionGrade, katas: Sequence[KataInfo]) -> str:
    """The learner's feedback page: their total, then each kata with what failed and why."""
    pairs = _with_info(grade, katas)
    passed = sum(kata.status == PASSED for kata, _ in pairs)
    header = [
        FEEDBACK_TITLE.format(total=format_number(grade.total), max_total=format_number(grade.max_total)),
        "",
        FEEDBACK_SUBMISSION.format(name=markdown_escape(grade.submission)),
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
    for failed in kata.failed_checks:
        lines += _check_section(failed)
    return lines


def _kata_heading(kata: KataGrade, info: KataInfo) -> str:
    verdict = KATA_VERDICTS.get(kata.status, kata.status.upper())
    if kata.status in FAILING_STATUSES:
        counts = CHECKS_PASSED.format(passed=kata.checks_passed, judged=kata.checks_judged)
        verdict = VERDICT_WITH_COUNTS.format(verdict=verdict, counts=counts)
    return KATA_HEADING.format(
        mark=PASS_MARK if kata.status == PASSED else FAIL_MARK,
        order=info.order,
        title=markdown_escape(info.title),
        verdict=verdict,
        score=format_number(kata.score),
        max_score=format_number(kata.max_score),
    )


def _check_section(failed: FailedCheck) -> list[str]:
    heading = CHECK_HEADING.format(
        check=failed.check,
        verb=CHECK_VERBS.get(failed.status, "failed"),
        methods=start_methods_phrase(failed.start_methods),
    )
    lines = ["", heading, "", markdown_escape(failed.message)]
    if failed.picture:
        lines += ["", PICTURE_INTRO, "", *fenced_text(failed.picture)]
    return lines


def start_methods_phrase(methods: Sequence[str]) -> str:
    """``the fork start method``, ``the fork and spawn start methods``, ..."""
    if len(methods) == 1:
        return f"the {methods[0]} start method"
    return f"the {', '.join(methods[:-1])} and {methods[-1]} start methods"


def fenced_text(text: str) -> list[str]:
    """A fenced ``text`` block, with a fence longer than any run of backticks inside the text."""
    fence = "`" * max(3, _longest_backtick_run(text) + 1)
    return [f"{fence}text", *text.rstrip("\n").splitlines(), fence]


def _longest_backtick_run(text: str) -> int:
    longest = current = 0
    for char in text:
        current = current + 1 if char == "`" else 0
        longest = max(longest, current)
    return longest


def markdown_escape(text: str) -> str:
    """Show ``text`` literally in Markdown: ``__main__`` must not turn into bold "main"."""
    return "".join(f"\\{char}" if char in MARKDOWN_SPECIALS else char for char in text)
