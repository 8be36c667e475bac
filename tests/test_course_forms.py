"""The course notebook graded in the forms real notebooks take, and a check that fails by itself.

The forms of ``tests/notebook_corpus.py`` (``FORMS``) are graded against ``course/`` in one batch
session; each test reads its grade book and feedback.  A check that raises is the grader's error:
its own status, no points lost, and never told to the learner as their mistake.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat")

from notebook_corpus import CORPUS, FORMS, GENERATED, CorpusNotebook  # noqa: E402

from pytest_mpkata.judge.course import READ_FUTURES, READ_IMAP  # noqa: E402
from pytest_mpkata.session.kata_run import GRADER_ERROR_MESSAGE  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FORM_NOTEBOOKS = {entry.features[0]: entry for entry in CORPUS[len(GENERATED) :]}


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Grade every form once (with ``-n 2``); hand every test the grade book and the report folder."""
    work = tmp_path_factory.mktemp("forms")
    shutil.copytree(ROOT / "course", work / "course")
    for form, entry in FORM_NOTEBOOKS.items():
        (work / "class" / form).mkdir(parents=True)
        nbformat.write(entry.notebook(), str(work / "class" / form / "assignment.ipynb"))
    command = [sys.executable, "-m", "pytest", "course", "--mpkata-submissions", "class"]
    command += ["--mpkata-report", "out", "-n", "2", "-p", "no:cacheprovider", "-q"]
    done = subprocess.run(command, cwd=work, capture_output=True, text=True, timeout=900)
    grades = json.loads((work / "out" / "grades.json").read_text(encoding="utf-8"))
    return {"grades": grades["submissions"], "out": work / "out", "stdout": done.stdout}


def question(graded: dict[str, Any], form: str, number: int) -> dict[str, Any]:
    result: dict[str, Any] = graded["grades"][form]["katas"][f"q{number}"]
    return result


def feedback(graded: dict[str, Any], form: str) -> str:
    return (graded["out"] / form / "feedback.md").read_text(encoding="utf-8")


def full(entry: dict[str, Any]) -> bool:
    return bool(entry["score"] == entry["max_score"] > 0)


def test_every_form_of_the_corpus_is_graded_here() -> None:
    assert set(FORM_NOTEBOOKS) == set(FORMS)


@pytest.mark.parametrize("form", sorted(FORMS))
def test_each_code_answer_gets_full_points_exactly_when_correct(graded: dict[str, Any], form: str) -> None:
    entry: CorpusNotebook = FORM_NOTEBOOKS[form]
    for number, expected in entry.expected.items():
        got = question(graded, form, number)
        if expected.code:
            correct = expected.quality == "correct" and not expected.does_not_compile
            assert full(got) == correct, (number, got)
        else:
            assert got["status"] == ("manual" if expected.theory else "missing"), (number, got["status"])


def test_words_in_code_cells_are_headings_and_answers_in_words(graded: dict[str, Any]) -> None:
    q4 = question(graded, "words_in_code_cells", 4)

    assert q4["status"] == "manual" and "A pool is a group of worker processes" in q4["answer"]
    assert full(question(graded, "words_in_code_cells", 3)) and full(
        question(graded, "words_in_code_cells", 5)
    )


def test_q4_code_after_words_in_a_string_is_run(graded: dict[str, Any]) -> None:
    q4 = question(graded, "q4_code_after_string_words", 4)

    assert q4["status"] == "passed" and q4["score"] == q4["max_score"] == 10
    assert "A pool is a group of worker processes" in q4["answer"]


def test_a_pool_whose_tasks_take_ten_seconds_fits_the_time_limit(graded: dict[str, Any]) -> None:
    limits = {path.parent.name: path.read_text() for path in (ROOT / "course").glob("*/kata.toml")}

    assert all("time_limit = 60.0" in text for text in limits.values())
    assert question(graded, "slow_pool", 5)["status"] == "passed"


def test_q6_joined_one_at_a_time_gets_full_marks_and_advice(graded: dict[str, Any]) -> None:
    q6 = question(graded, "q6_one_at_a_time", 6)

    assert q6["status"] == "passed" and full(q6)
    assert "## Advice (not graded)" in feedback(graded, "q6_one_at_a_time")
    assert "That answers Q6 as it is worded" in feedback(graded, "q6_one_at_a_time")


def test_the_best_of_several_attempts_counts(graded: dict[str, Any]) -> None:
    assert full(question(graded, "attempts_best_last", 6))
    assert full(question(graded, "attempts_best_first", 6))
    assert "12 processes" not in feedback(graded, "attempts_best_last")


def test_a_pool_for_q6_fails_with_its_cause_never_as_an_exception(graded: dict[str, Any]) -> None:
    q6 = question(graded, "q6_pool_under_guard", 6)
    messages = "\n".join(failed["message"] for failed in q6["failed_checks"])

    assert q6["status"] == "failed"
    assert "a pool's workers are not" in messages
    assert "ValueError" not in messages and "grader" not in messages


@pytest.mark.parametrize(
    ("form", "how_to_read"),
    [("q5_imap_never_read", READ_IMAP.format(method="imap")), ("q5_executor_recomputes", READ_FUTURES)],
)
def test_q5_results_the_parent_never_read_fail_saying_how_to_read_them(
    graded: dict[str, Any], form: str, how_to_read: str
) -> None:
    q5 = question(graded, form, 5)
    messages = "\n".join(failed["message"] for failed in q5["failed_checks"])

    assert q5["status"] == "failed"
    assert "but the parent received nothing" in messages and how_to_read in messages


RAISING_CHECK = """

def a_check_with_a_bug(result):
    raise ValueError("min() arg is an empty sequence")


def test_judged_by_a_broken_check(kata_run):
    kata_run.expect(a_check_with_a_bug)
"""


def test_a_check_that_raises_is_a_grader_error_that_costs_nothing(pytester: pytest.Pytester) -> None:
    shutil.copytree(ROOT / "course", pytester.path / "course")
    test_file = pytester.path / "course" / "q3_create_a_process" / "test_q3.py"
    test_file.write_text(test_file.read_text() + RAISING_CHECK)
    folder = pytester.path / "class" / "amira"
    folder.mkdir(parents=True)
    nbformat.write(FORM_NOTEBOOKS["words_in_code_cells"].notebook(), str(folder / "assignment.ipynb"))

    options = ("--mpkata-submissions=class", "--mpkata-report=out", "--mpkata-start-methods=fork")
    result = pytester.runpytest_subprocess(
        "course/q3_create_a_process", *options, "-p", "no:cacheprovider", timeout=300
    )

    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(["*The check `a_check_with_a_bug` could not judge your answer*"])
    grades = json.loads((pytester.path / "out" / "grades.json").read_text())
    q3 = grades["submissions"]["amira"]["katas"]["q3"]
    assert q3["status"] == "grader error" and q3["score"] == q3["max_score"] == 10
    assert q3["failed_checks"][0]["status"] == "grader error"
    text = (pytester.path / "out" / "amira" / "feedback.md").read_text()
    assert "GRADER ERROR (not your mistake, not counted)" in text
    assert "could not judge your answer: the grader itself failed (ValueError" in text
    assert "not your mistake and costs you no points" in GRADER_ERROR_MESSAGE
    assert "could not be judged (grader error)" in text
