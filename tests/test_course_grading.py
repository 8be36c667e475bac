"""The course notebook graded as learners answer it: print or log, headings in every form.

A class of notebooks from the corpus (``tests/notebook_corpus.py``) is graded against
``course/`` in one batch session; each test reads its grade book and feedback.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from mpkata_testing import PYTEST, batch_args

nbformat = pytest.importorskip("nbformat")

from notebook_corpus import CORPUS, CorpusNotebook  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CLASS = {
    "01_md_q_dot": "every answer correct, markdown headings `Q3.`",
    "04_md_q_dot-prose_prefix-q4_code": "Q5's code cell starts with prose; Q4 has code",
    "06_md_q_paren": "Q5's pool never closed; Q6 one process prints all numbers",
    "11_md_number_dot_paren": "Q3 and Q6 without a __main__ guard; Q6 as Pool(4).map(print)",
    "03_md_q_dot-imports_first-missing_q6": "no answer to Q6",
    "73_no_headings-missing_q1-missing_q2": "no headings at all; no answers in words to Q1 and Q2",
}


def corpus_entry(name: str) -> CorpusNotebook:
    return next(entry for entry in CORPUS if entry.name == name)


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Grade the class once (with ``-n 2``); hand every test the grade book and the report folder."""
    import subprocess

    work = tmp_path_factory.mktemp("course")
    shutil.copytree(ROOT / "course", work / "course")
    for name in CLASS:
        folder = work / "class" / name
        folder.mkdir(parents=True)
        nbformat.write(corpus_entry(name).notebook(), str(folder / "assignment.ipynb"))
    command = [*PYTEST, *batch_args("course"), "-n", "2", "-q"]
    done = subprocess.run(command, cwd=work, capture_output=True, text=True, timeout=600)
    grades = json.loads((work / "out" / "grades.json").read_text(encoding="utf-8"))
    return {
        "grades": grades["submissions"],
        "out": work / "out",
        "stdout": done.stdout,
        "ret": done.returncode,
    }


def question(graded: dict[str, Any], name: str, qid: str) -> dict[str, Any]:
    result: dict[str, Any] = graded["grades"][name]["katas"][qid]
    return result


def messages(entry: dict[str, Any]) -> str:
    return "\n".join(failed["message"] for failed in entry["failed_checks"])


def test_every_correct_answer_gets_full_points_and_nothing_else_does(graded: dict[str, Any]) -> None:
    for name in CLASS:
        for number, expected in corpus_entry(name).expected.items():
            if number not in (3, 5, 6) or not expected.code:
                continue
            entry = question(graded, name, f"q{number}")
            full = entry["score"] == entry["max_score"] > 0
            assert full == (expected.quality == "correct" and not expected.does_not_compile), (
                name,
                number,
                entry,
            )


def test_an_answer_that_is_there_is_never_missing(graded: dict[str, Any]) -> None:
    for name in CLASS:
        for number, expected in corpus_entry(name).expected.items():
            entry = question(graded, name, f"q{number}")
            present = bool(expected.code or expected.theory)
            assert (entry["status"] == "missing") == (not present), (name, number, entry["status"])


def test_answers_in_words_are_for_the_instructor_in_one_file_per_question(graded: dict[str, Any]) -> None:
    q2 = question(graded, "01_md_q_dot", "q2")
    manual = (graded["out"] / "manual" / "q2.md").read_text(encoding="utf-8")

    assert q2["status"] == "manual" and q2["score"] == 0 and q2["max_score"] == 0
    assert "Processes have separate memory" in q2["answer"]
    assert all(name.replace("_", "\\_") in manual for name in CLASS if "missing_q1" not in name)
    rows = {row["submission"]: row for row in csv.DictReader((graded["out"] / "grades.csv").open())}
    assert rows["01_md_q_dot"]["q2"] == "manual" and rows["01_md_q_dot"]["q3"] == "10"


def test_an_absent_answer_is_reported_in_notebook_terms(graded: dict[str, Any]) -> None:
    q6 = question(graded, "03_md_q_dot-imports_first-missing_q6", "q6")
    feedback = (graded["out"] / "03_md_q_dot-imports_first-missing_q6" / "feedback.md").read_text()

    assert q6["status"] == "missing"
    assert "No answer to Q6 found in `assignment.ipynb`" in q6["missing_reason"]
    assert "No answer to Q6 found" in feedback and "No file named" not in feedback


def test_prose_in_a_code_cell_fails_as_handed_in_and_says_what_repair_would_give(
    graded: dict[str, Any],
) -> None:
    q5 = question(graded, "04_md_q_dot-prose_prefix-q4_code", "q5")

    assert q5["status"] == "error" and q5["score"] == 0
    assert "does not run as handed in" in messages(q5)
    assert "If those lines were comments, this check would pass." in messages(q5)
    assert "this check would still fail: Your pool was never shut down" in messages(q5)


def test_code_for_the_theory_question_q4_is_graded_when_present(graded: dict[str, Any]) -> None:
    with_code = question(graded, "04_md_q_dot-prose_prefix-q4_code", "q4")
    words_only = question(graded, "01_md_q_dot", "q4")

    assert with_code["status"] == "passed" and with_code["score"] == with_code["max_score"] == 10
    assert with_code["answer"]
    assert words_only["status"] == "manual" and words_only["max_score"] == 0


def test_fragile_and_wrong_answers_name_their_cause(graded: dict[str, Any]) -> None:
    no_guard = question(graded, "11_md_number_dot_paren", "q3")
    pool_for_q6 = question(graded, "11_md_number_dot_paren", "q6")
    one_child = question(graded, "06_md_q_paren", "q6")
    open_pool = question(graded, "06_md_q_paren", "q5")

    assert 'if __name__ == "__main__":' in messages(no_guard)
    assert no_guard["status"] == "error" and 0 < no_guard["score"] < 10  # fine under fork
    assert "a pool's workers are not" in messages(pool_for_q6)
    assert "your answer created 1 child process" in messages(one_child)
    assert "never shut down" in messages(open_pool) and open_pool["status"] == "failed"


def test_the_terminal_summary_counts_each_question(graded: dict[str, Any]) -> None:
    assert graded["ret"] == 1
    assert "answered in words, for you to grade (manual/q1.md)" in graded["stdout"]
    assert "06 q6" in graded["stdout"] and "submissions graded" in graded["stdout"]


def test_one_learner_grades_their_own_notebook(pytester: pytest.Pytester) -> None:
    shutil.copytree(ROOT / "course", pytester.path / "course")
    nbformat.write(corpus_entry("01_md_q_dot").notebook(), str(pytester.path / "answers.ipynb"))

    result = pytester.runpytest_subprocess(
        "course", "--mpkata-submission", "answers.ipynb", "-p", "no:cacheprovider", "-rs", timeout=300
    )

    result.assert_outcomes(passed=24, skipped=14)  # Q1, Q2, Q4's words; Q4's code checks (none)
    result.stdout.fnmatch_lines(["*graded by the instructor: an answer in words*"])
