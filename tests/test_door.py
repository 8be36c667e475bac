"""Bad input is stopped at the door: one line, pytest's usage exit code, nobody graded for nothing.

And what a class folder holds besides students (``.git``, ``__MACOSX``...) is not graded; a
misnamed kata file gets "did you mean"; a file that is not Python text says so; and none of it
costs another learner a point.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from mpkata_testing import ROOT, copy_katas

from pytest_mpkata.grade.door import EMPTY_SUBMISSIONS, IGNORED_FOLDERS, NO_SUBMISSION, UNWRITABLE_REPORT
from pytest_mpkata.kata.catalogue import load_kata
from pytest_mpkata.session.handed_in import DID_YOU_MEAN, NOT_PYTHON_TEXT, likely_meant, not_python_text
from pytest_mpkata.session.program import build_program

KATA = "01_create_process"
QUIET = ("-p", "no:cacheprovider", "--mpkata-start-methods", "spawn")


def refused(pytester: pytest.Pytester, *args: str) -> list[str]:
    """Run pytest on one kata with ``args``; assert a usage error; return what it printed."""
    copy_katas(pytester.path, (KATA,))
    run = pytester.runpytest_subprocess("katas", *QUIET, *args, timeout=60)
    assert run.ret == pytest.ExitCode.USAGE_ERROR
    printed = [line for line in run.outlines + run.errlines if line.strip()]
    assert len(printed) == 1, printed
    return printed


def test_a_submissions_folder_with_only_tools_folders_in_it_is_refused(pytester: pytest.Pytester) -> None:
    root = pytester.mkdir("class")
    for name in IGNORED_FOLDERS:
        (root / name).mkdir()
    printed = refused(pytester, "--mpkata-submissions", str(root), "--mpkata-report", "grades")
    assert printed == [f"ERROR: {EMPTY_SUBMISSIONS.format(root=root)}"]
    assert not (pytester.path / "grades" / "grades.json").exists()


def test_a_report_folder_that_cannot_be_written_is_refused_before_grading(pytester: pytest.Pytester) -> None:
    (pytester.mkdir("class") / "ada").mkdir()
    blocker = pytester.path / "a-file"
    blocker.write_text("", encoding="utf-8")
    out = blocker / "grades"
    printed = refused(pytester, "--mpkata-submissions", "class", "--mpkata-report", str(out))
    assert printed == [f"ERROR: {UNWRITABLE_REPORT.format(out=out, error='Not a directory')}"]


def test_a_missing_single_submission_is_refused(pytester: pytest.Pytester) -> None:
    printed = refused(pytester, "--mpkata-submission", "nope")
    assert printed == [f"ERROR: {NO_SUBMISSION.format(path=pytester.path / 'nope')}"]


def test_tools_folders_are_no_students_and_odd_files_cost_no_one_else_a_point(
    pytester: pytest.Pytester,
) -> None:
    copy_katas(pytester.path, (KATA,))
    root = pytester.mkdir("class")
    for name in (*IGNORED_FOLDERS, "ada", "ben", "cy"):
        (root / name).mkdir()
    shutil.copyfile(ROOT / "solutions" / "create_process.py", root / "ada" / "create_process.py")
    shutil.copyfile(ROOT / "solutions" / "create_process.py", root / "ben" / "Create_Process.py")
    (root / "cy" / "create_process.py").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")
    (root / ".git" / "create_process.py").write_text("print('not a student')\n", encoding="utf-8")

    run = pytester.runpytest_subprocess(
        "katas", *QUIET, "--mpkata-submissions", "class", "--mpkata-report", "grades", timeout=300
    )

    with (pytester.path / "grades" / "grades.csv").open(encoding="utf-8", newline="") as handle:
        rows = {row["submission"]: row for row in csv.DictReader(handle)}
    assert sorted(rows) == ["ada", "ben", "cy"]
    assert rows["ada"]["total"] == rows["ada"]["max"] == "10"
    assert rows["ben"]["total"] == rows["cy"]["total"] == "0"
    grades = json.loads((pytester.path / "grades" / "grades.json").read_text(encoding="utf-8"))
    katas = {name: entry["katas"]["create_process"] for name, entry in grades["submissions"].items()}
    assert "Did you mean `Create_Process.py`?" in katas["ben"]["missing_reason"]
    assert str(pytester.path) not in katas["ben"]["missing_reason"]
    assert "is not Python text (binary" in katas["cy"]["failed_checks"][0]["message"]
    run.stdout.fnmatch_lines(["mpkata: 3/3 submissions graded, done", "*3 submissions graded*"])


def test_a_misnamed_kata_file_is_found_whatever_its_case_underscores_or_suffix(tmp_path: Path) -> None:
    for name in ("Create_Process.py", "createprocess.py", "create_process.py.txt", "create-process.PY"):
        folder = tmp_path / name.replace(".", "-")
        folder.mkdir()
        (folder / name).write_text("", encoding="utf-8")
        (folder / "notes.md").write_text("", encoding="utf-8")
        assert likely_meant(folder, "create_process.py") == name
    assert likely_meant(folder, "queue_workers.py") is None


def test_the_learner_hears_did_you_mean_with_no_folder_of_the_grader(tmp_path: Path) -> None:
    kata = load_kata(ROOT / "katas" / KATA)
    (tmp_path / "worker.py").write_text("", encoding="utf-8")
    (tmp_path / "createprocess.py").write_text("", encoding="utf-8")
    program = build_program(kata, tmp_path / kata.file_name)
    assert program.missing
    assert program.problem.endswith(DID_YOU_MEAN.format(found="createprocess.py", file_name=kata.file_name))
    assert str(tmp_path.parent) not in program.problem


def test_a_file_that_is_not_python_text_says_what_it_is(tmp_path: Path) -> None:
    kata = load_kata(ROOT / "katas" / KATA)
    handed_in = tmp_path / kata.file_name
    handed_in.write_bytes("print('é')\n".encode("latin-1"))
    assert not_python_text(handed_in).startswith("not UTF-8 text")
    program = build_program(kata, handed_in)
    assert program.problem == NOT_PYTHON_TEXT.format(file_name=kata.file_name, why=not_python_text(handed_in))
    handed_in.write_text("print('é')\n", encoding="utf-8")
    assert not_python_text(handed_in) == ""


def test_a_file_with_a_coding_line_is_python_text(tmp_path: Path) -> None:
    handed_in = tmp_path / "create_process.py"
    handed_in.write_bytes("# -*- coding: latin-1 -*-\nprint('é')\n".encode("latin-1"))
    assert not_python_text(handed_in) == ""
