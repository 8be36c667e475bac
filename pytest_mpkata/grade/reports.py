"""Write grades to disk: the class files, and per submission a Gradescope file and a feedback page.

Output folder layout::

    OUT/grades.json            every recorded grade; read back to resume an interrupted class run
    OUT/grades.csv             one row per submission, for spreadsheets and learning platforms
    OUT/<safe name>/results.json   Gradescope autograder results for that submission
    OUT/<safe name>/feedback.md    what the learner reads: what passed, what failed and why
    OUT/index.html, OUT/by/, OUT/<safe name>/index.html   the instructor's pages (``grade.html``)
    OUT/summary.md             the terminal's class summary, kept

Every file is replaced atomically (``grade.files``); the Gradescope format lives in
``grade.gradescope``, the feedback page in ``grade.feedback``.  Every file records the
environment it was graded in (``grade.stamp``).
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional, TypeVar

from pytest_mpkata.grade.book import GradeBook
from pytest_mpkata.grade.escaping import csv_cell, fenced_text, markdown_text
from pytest_mpkata.grade.feedback import feedback_with_advice, markdown_escape
from pytest_mpkata.grade.files import ENCODING, atomic_write_text, json_text
from pytest_mpkata.grade.grades import FailedCheck, KataGrade, KataInfo, PassedCheck, SubmissionGrade
from pytest_mpkata.grade.gradescope import gradescope_results
from pytest_mpkata.grade.points import clean_number, format_number
from pytest_mpkata.grade.safe_names import safe_name
from pytest_mpkata.grade.stamp import EnvironmentStamp
from pytest_mpkata.judge.statuses import FAILED, MANUAL
from pytest_mpkata.session.shards import Shard, shard_text

__all__ = [
    "CLASS_REPORT_NAMES",
    "ENVIRONMENT_KEY",
    "FEEDBACK_MD",
    "GRADES_CSV",
    "GRADES_JSON",
    "MANUAL_ENTRY",
    "MANUAL_FOLDER",
    "MANUAL_TITLE",
    "RESULTS_JSON",
    "SCHEMA",
    "SHARD_KEY",
    "grades_csv",
    "grades_document",
    "load_document",
    "load_environment",
    "load_grades",
    "load_katas",
    "report_dir_name",
    "write_class_files",
    "write_class_reports",
    "write_manual_answers",
    "write_submission_reports",
]

SCHEMA = "pytest-mpkata/grades/1"
GRADES_JSON = "grades.json"
GRADES_CSV = "grades.csv"
RESULTS_JSON = "results.json"
FEEDBACK_MD = "feedback.md"
INDEX_HTML = "index.html"
SORTED_FOLDER = "by"
SUMMARY_MD = "summary.md"
CLASS_REPORT_NAMES = (GRADES_JSON, GRADES_CSV, INDEX_HTML, SORTED_FOLDER, SUMMARY_MD)
"""Names a submission's report folder must not take, or it would clash with the class files."""

MANUAL_FOLDER = "manual"
MANUAL_TITLE = "# {title}: every answer in words"
MANUAL_ENTRY = "## {name}"
ENVIRONMENT_KEY = "environment"
SHARD_KEY = "shard"

_T = TypeVar("_T")


def report_dir_name(submission: str) -> str:
    """The folder, inside OUT, that holds one submission's reports."""
    return safe_name(submission, reserved=CLASS_REPORT_NAMES)


# --- writing ------------------------------------------------------------------------------------


def write_submission_reports(
    out_dir: Path,
    book: GradeBook,
    submission: str,
    advice: Sequence[str] = (),
    stamp: Optional[EnvironmentStamp] = None,
) -> Path:
    """Write ``results.json`` and ``feedback.md`` for one submission; return their folder.

    ``advice`` (e.g. how a notebook answer would fare inside Jupyter) is not graded: it is
    added to the feedback after the grades.
    """
    grade = book.grade(submission)
    folder = Path(out_dir) / report_dir_name(submission)
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write_text(folder / RESULTS_JSON, json_text(gradescope_results(grade, book.katas, stamp)))
    atomic_write_text(folder / FEEDBACK_MD, feedback_with_advice(grade, book.katas, advice, stamp))
    return folder


def write_class_reports(
    out_dir: Path,
    book: GradeBook,
    now: Optional[datetime] = None,
    stamp: Optional[EnvironmentStamp] = None,
    shard: Optional[Shard] = None,
) -> None:
    """Write ``grades.json`` and ``grades.csv`` for every recorded submission of ``book``."""
    write_class_files(out_dir, book.recorded_grades(), book.katas, now, stamp, shard)


def write_class_files(
    out_dir: Path,
    grades: Mapping[str, SubmissionGrade],
    katas: Sequence[KataInfo],
    now: Optional[datetime] = None,
    stamp: Optional[EnvironmentStamp] = None,
    shard: Optional[Shard] = None,
) -> None:
    """Write ``grades.json`` and ``grades.csv`` for ``grades``, in the order given."""
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    document = grades_document(grades, katas, now or datetime.now(timezone.utc), stamp)
    if shard is not None:
        document[SHARD_KEY] = shard_text(shard)
    atomic_write_text(folder / GRADES_JSON, json_text(document))
    atomic_write_text(folder / GRADES_CSV, grades_csv(grades, katas))
    write_manual_answers(folder, grades, katas)


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
            lines += [
                "",
                MANUAL_ENTRY.format(name=markdown_text(name, single_line=True)),
                "",
                *fenced_text(answer),
            ]
        (folder / MANUAL_FOLDER).mkdir(exist_ok=True)
        atomic_write_text(folder / MANUAL_FOLDER / f"{info.kata_id}.md", "\n".join(lines) + "\n")


# --- grades.json and grades.csv -----------------------------------------------------------------


def grades_document(
    grades: Mapping[str, SubmissionGrade],
    katas: Sequence[KataInfo],
    generated_at: datetime,
    stamp: Optional[EnvironmentStamp] = None,
) -> dict[str, object]:
    """The content of ``grades.json``."""
    document: dict[str, object] = {
        "schema": SCHEMA,
        "generated_at": generated_at.isoformat(timespec="seconds"),
    }
    if stamp is not None:
        document[ENVIRONMENT_KEY] = stamp.as_dict()
    document["katas"] = [_kata_entry(kata) for kata in katas]
    document["submissions"] = {name: _submission_entry(grade) for name, grade in grades.items()}
    return document


def grades_csv(grades: Mapping[str, SubmissionGrade], katas: Sequence[KataInfo]) -> str:
    """The content of ``grades.csv``: a header, then one row per submission."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["submission", *(csv_cell(kata.kata_id) for kata in katas), "total", "max"])
    for name, grade in grades.items():
        scores = [_kata_score_text(grade, kata.kata_id) for kata in katas]
        writer.writerow([csv_cell(name), *scores, format_number(grade.total), format_number(grade.max_total)])
    return buffer.getvalue()


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


def load_document(out_dir: Path) -> dict[str, object]:
    """``OUT/grades.json`` as read, or an empty dict when absent or unreadable."""
    document = _read_json(Path(out_dir) / GRADES_JSON)
    return document if isinstance(document, dict) else {}


def load_environment(out_dir: Path) -> Optional[EnvironmentStamp]:
    """The environment stamp ``OUT/grades.json`` recorded, or None."""
    return EnvironmentStamp.from_dict(load_document(out_dir).get(ENVIRONMENT_KEY))


def load_katas(out_dir: Path) -> Optional[list[KataInfo]]:
    """The catalogue ``OUT/grades.json`` was graded against, or None when unreadable."""
    document = _read_json(Path(out_dir) / GRADES_JSON)
    if not isinstance(document, dict) or document.get("schema") != SCHEMA:
        return None
    try:
        return [_kata_info(_as_dict(entry)) for entry in _as(document["katas"], list)]
    except (KeyError, TypeError):
        return None


def _kata_info(entry: dict[str, object]) -> KataInfo:
    order = _as(entry["order"], int)
    points = _as_number(entry["max_score"])
    return KataInfo(_as(entry["id"], str), _as(entry["title"], str), order, points)


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
        status=_as(entry.get("status", FAILED), str),
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
