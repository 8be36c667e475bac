"""Unit tests of the report files, their atomic writing, safe folder names and fingerprints."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import sys
import unicodedata
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from mpkata_testing import check_outcome

from pytest_mpkata.grade.book import GradeBook
from pytest_mpkata.grade.escaping import markdown_with_code
from pytest_mpkata.grade.feedback import feedback_markdown, markdown_escape
from pytest_mpkata.grade.files import atomic_write_bytes, atomic_write_text
from pytest_mpkata.grade.grades import FailedCheck, KataGrade, KataInfo, PassedCheck, SubmissionGrade
from pytest_mpkata.grade.gradescope import gradescope_results
from pytest_mpkata.grade.points import clean_number, format_number, split_points
from pytest_mpkata.grade.reports import (
    grades_csv,
    load_grades,
    report_dir_name,
    write_class_reports,
    write_submission_reports,
)
from pytest_mpkata.grade.safe_names import safe_name, submission_fingerprint

METHODS = ("fork", "spawn", "forkserver")
CREATE = KataInfo("create_process", "Create a process", 1)
POOL = KataInfo("pool_map", "Map over a pool", 4)
WORKERS = KataInfo("worker_pool", "A pool of five workers", 5, points=5)
CATALOGUE = (POOL, WORKERS, CREATE)
NOW = datetime(2024, 5, 17, 9, 30, 15, tzinfo=timezone.utc)
ZOE = "Zoë Müller"
SHUT_DOWN = "Your pool was never shut down; use `with multiprocessing.Pool(...)`."
PICTURE = "main (pid 10)\n └─ pool worker (pid 11) still running ```"


def class_book() -> GradeBook:
    """Zoë passes kata 1, half-passes kata 4 and skips kata 5; Bob, Ann timed out and crashed."""
    book = GradeBook(CATALOGUE, fingerprints={ZOE: "f-zoe", "bob": "f-bob", 'Ann, "A"': "f-ann"})
    for method in METHODS:
        book.add(
            check_outcome("test_child_ran", method, submission=ZOE, kata_id="create_process", duration=0.5)
        )
        book.add(
            check_outcome("test_squares_logged", method, submission=ZOE, kata_id="pool_map", duration=0.5)
        )
        shut = "passed" if method == "fork" else "failed"
        message = SHUT_DOWN if shut == "failed" else ""
        picture = PICTURE if method == "spawn" else ""
        book.add(
            check_outcome(
                "test_pool_shut_down",
                method,
                shut,
                submission=ZOE,
                kata_id="pool_map",
                message=message,
                picture=picture,
            )
        )
        book.add(
            check_outcome(
                "test_squares_logged",
                method,
                "timeout",
                submission="bob",
                kata_id="pool_map",
                message="time limit",
            )
        )
        book.add(
            check_outcome(
                "test_child_ran",
                method,
                "error",
                submission='Ann, "A"',
                kata_id="create_process",
                message="crashed",
            )
        )
    for name in (ZOE, "bob", 'Ann, "A"'):
        book.finish(name)
    return book


# --- grades.json --------------------------------------------------------------------------------


def test_grades_json_holds_every_field(tmp_path: Path) -> None:
    write_class_reports(tmp_path, class_book(), now=NOW)
    document = json.loads((tmp_path / "grades.json").read_text(encoding="utf-8"))
    assert document["schema"] == "pytest-mpkata/grades/1"
    assert document["generated_at"] == "2024-05-17T09:30:15+00:00"
    assert document["katas"] == [
        {"id": "create_process", "title": "Create a process", "order": 1, "max_score": 10},
        {"id": "pool_map", "title": "Map over a pool", "order": 4, "max_score": 10},
        {"id": "worker_pool", "title": "A pool of five workers", "order": 5, "max_score": 5},
    ]
    assert list(document["submissions"]) == ['Ann, "A"', "bob", ZOE]
    zoe = document["submissions"][ZOE]
    assert {key: zoe[key] for key in ("total", "max", "fingerprint", "report_dir", "duration")} == {
        "total": 16.67,
        "max": 25,
        "fingerprint": "f-zoe",
        "report_dir": ZOE,
        "duration": 3.0,
    }
    assert list(zoe["katas"]) == ["create_process", "pool_map", "worker_pool"]
    assert zoe["katas"]["pool_map"] == {
        "score": 6.67,
        "max_score": 10,
        "status": "failed",
        "failed_checks": [
            {
                "check": "test_pool_shut_down",
                "start_methods": ["spawn", "forkserver"],
                "message": SHUT_DOWN,
                "status": "failed",
                "picture": PICTURE,
            }
        ],
        "passed_checks": [
            {"check": "test_pool_shut_down", "start_methods": ["fork"]},
            {"check": "test_squares_logged", "start_methods": list(METHODS)},
        ],
        "skipped": 0,
    }
    assert zoe["katas"]["worker_pool"]["status"] == "missing"
    assert document["submissions"]["bob"]["katas"]["pool_map"]["status"] == "timeout"


def test_grades_json_lists_recorded_submissions_only(tmp_path: Path) -> None:
    book = class_book()
    book.add(check_outcome("test_squares_logged", "fork", submission="unfinished", kata_id="pool_map"))
    write_class_reports(tmp_path, book, now=NOW)
    assert "unfinished" not in load_grades(tmp_path)


def test_grades_json_is_written_with_a_current_time_by_default(tmp_path: Path) -> None:
    write_class_reports(tmp_path, class_book())
    document = json.loads((tmp_path / "grades.json").read_text(encoding="utf-8"))
    stamp = datetime.fromisoformat(document["generated_at"])
    assert stamp.tzinfo is not None
    assert abs((datetime.now(timezone.utc) - stamp).total_seconds()) < 60


# --- grades.csv ---------------------------------------------------------------------------------


def test_grades_csv_has_one_row_per_submission_and_clean_numbers(tmp_path: Path) -> None:
    write_class_reports(tmp_path, class_book(), now=NOW)
    raw = (tmp_path / "grades.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert rows == [
        ["submission", "create_process", "pool_map", "worker_pool", "total", "max"],
        ['Ann, "A"', "0", "0", "0", "0", "25"],
        ["bob", "0", "0", "0", "0", "25"],
        [ZOE, "10", "6.67", "0", "16.67", "25"],
    ]
    assert b'"Ann, ""A"""' in raw
    assert raw.count(b"\r\n") == 4


def test_grades_csv_leaves_a_kata_cell_empty_when_a_grade_lacks_that_kata() -> None:
    grade = SubmissionGrade("x", 1, 10, (KataGrade("pool_map", 1, 10, "failed"),), "f")
    text = grades_csv({"x": grade}, [CREATE, POOL])
    assert text.splitlines()[1] == "x,,1,1,10"


@pytest.mark.parametrize(
    ("value", "text"),
    [(10.0, "10"), (6.666, "6.67"), (2.5, "2.5"), (0.1 + 0.2, "0.3"), (-0.0, "0"), (0, "0")],
)
def test_numbers_are_written_without_trailing_noise(value: float, text: str) -> None:
    assert format_number(value) == text
    assert json.dumps(clean_number(value)) == text


# --- results.json (Gradescope) ------------------------------------------------------------------


def gradescope_tests(results: dict[str, object]) -> list[dict[str, Any]]:
    tests = results["tests"]
    assert isinstance(tests, list)
    return tests


def zoe_results(tmp_path: Path) -> dict[str, object]:
    folder = write_submission_reports(tmp_path, class_book(), ZOE)
    assert folder == tmp_path / ZOE
    result: dict[str, object] = json.loads((folder / "results.json").read_text(encoding="utf-8"))
    return result


def test_results_json_top_level_fields(tmp_path: Path) -> None:
    results = zoe_results(tmp_path)
    assert {key: value for key, value in results.items() if key != "tests"} == {
        "score": 16.67,
        "execution_time": 3,
        "output": "1 of 3 katas passed. Score: 16.67 / 25.",
        "output_format": "text",
        "visibility": "visible",
        "stdout_visibility": "visible",
    }


def test_results_json_tests_follow_the_gradescope_format(tmp_path: Path) -> None:
    tests = zoe_results(tmp_path)["tests"]
    assert tests == [
        {
            "name": "Create a process: test_child_ran [fork, spawn, forkserver]",
            "number": "1.1",
            "score": 10,
            "max_score": 10,
            "status": "passed",
            "output": "",
            "tags": ["create_process"],
            "visibility": "visible",
        },
        {
            "name": "Map over a pool: test_pool_shut_down [spawn, forkserver]",
            "number": "4.1",
            "score": 0,
            "max_score": 3.33,
            "status": "failed",
            "output": f"{SHUT_DOWN}\n\nWhat your program did:\n{PICTURE}",
            "tags": ["pool_map"],
            "visibility": "visible",
        },
        {
            "name": "Map over a pool: test_pool_shut_down [fork]",
            "number": "4.2",
            "score": 1.67,
            "max_score": 1.67,
            "status": "passed",
            "output": "",
            "tags": ["pool_map"],
            "visibility": "visible",
        },
        {
            "name": "Map over a pool: test_squares_logged [fork, spawn, forkserver]",
            "number": "4.3",
            "score": 5,
            "max_score": 5,
            "status": "passed",
            "output": "",
            "tags": ["pool_map"],
            "visibility": "visible",
        },
        {
            "name": "A pool of five workers: worker_pool.py",
            "number": "5.1",
            "score": 0,
            "max_score": 5,
            "status": "failed",
            "output": "No file named worker_pool.py was found in your submission.",
            "tags": ["worker_pool"],
            "visibility": "visible",
        },
    ]


def test_results_json_tests_add_up_to_the_score_and_the_maximum(tmp_path: Path) -> None:
    book = GradeBook([KataInfo("k", "K", 1)], fingerprints={"s": "f"})
    for check in ("test_a", "test_b", "test_c"):
        for method in METHODS:
            status = "failed" if (check, method) == ("test_c", "fork") else "passed"
            book.add(check_outcome(check, method, status, submission="s", kata_id="k", message="no"))
    results = gradescope_results(book.grade("s"), book.katas)
    tests = gradescope_tests(results)
    assert results["score"] == 8.89
    assert round(sum(test["score"] for test in tests), 2) == 8.89
    assert round(sum(test["max_score"] for test in tests), 2) == 10


def test_a_custom_score_is_spread_over_the_passed_tests() -> None:
    grade = SubmissionGrade(
        "s",
        4,
        10,
        (
            KataGrade(
                "pool_map",
                4,
                10,
                "failed",
                failed_checks=(FailedCheck("test_b", ("fork",), "no"),),
                passed_checks=(PassedCheck("test_a", ("fork",)),),
            ),
        ),
        "f",
    )
    tests = gradescope_tests(gradescope_results(grade, [POOL]))
    assert [(test["score"], test["max_score"]) for test in tests] == [(0, 5), (4, 5)]


def test_a_kata_whose_checks_were_all_skipped_is_one_not_graded_test() -> None:
    book = GradeBook([POOL])
    book.add(check_outcome("test_a", "forkserver", "skipped", submission="s", kata_id="pool_map"))
    (test,) = gradescope_tests(gradescope_results(book.grade("s"), book.katas))
    assert test["name"] == "Map over a pool: not graded"
    assert (test["score"], test["max_score"], test["status"]) == (0, 10, "failed")


def test_a_grade_from_an_older_catalogue_still_gets_results() -> None:
    grade = SubmissionGrade("s", 0, 3, (KataGrade("old_kata", 0, 3, "missing"),), "f")
    (test,) = gradescope_tests(gradescope_results(grade, [POOL]))
    assert test["name"] == "old_kata: old_kata.py"
    assert test["max_score"] == 3


@pytest.mark.parametrize(
    ("amount", "weights", "expected"),
    [
        (10, [1, 1, 1], [3.34, 3.33, 3.33]),
        (6.67, [3, 1], [5.0, 1.67]),
        (1, [0, 0], [0.0, 0.0]),
        (0, [2, 1], [0.0, 0.0]),
        (5, [1, 2, 2], [1.0, 2.0, 2.0]),
    ],
)
def test_split_points_adds_up_exactly(amount: float, weights: list[int], expected: list[float]) -> None:
    shares = split_points(amount, weights)
    assert shares == expected
    if any(weights):
        assert round(sum(shares) * 100) == round(amount * 100)


# --- feedback.md --------------------------------------------------------------------------------


def zoe_feedback(tmp_path: Path) -> str:
    folder = write_submission_reports(tmp_path, class_book(), ZOE)
    return (folder / "feedback.md").read_text(encoding="utf-8")


def test_feedback_opens_with_the_total_and_lists_each_kata_in_order(tmp_path: Path) -> None:
    lines = zoe_feedback(tmp_path).splitlines()
    assert lines[:5] == [
        "# Your grade: 16.67 / 25 points",
        "",
        "Submission: Zoë Müller",
        "",
        "Katas passed: 1 of 3",
    ]
    assert [line for line in lines if line.startswith("## ")] == [
        "## ✓ 01 · Create a process — PASSED — 10 / 10 points",
        "## ✗ 04 · Map over a pool — FAILED — 4 of 6 checks passed — 6.67 / 10 points",
        "## ✗ 05 · A pool of five workers — MISSING — 0 / 5 points",
    ]


def test_feedback_explains_each_failed_check_once_with_its_methods_and_picture(
    tmp_path: Path,
) -> None:
    text = zoe_feedback(tmp_path)
    expected = "\n".join(
        [
            "### `test_pool_shut_down` failed under the spawn and forkserver start methods",
            "",
            markdown_with_code(SHUT_DOWN),
            "",
            "What your program did:",
            "",
            "````text",
            PICTURE,
            "````",
            "",
            "## ✗ 05 · A pool of five workers — MISSING — 0 / 5 points",
            "",
            "No file named `worker_pool.py` was found in your submission.",
            "",
        ]
    )
    assert text.endswith(expected)
    assert text.count("###") == 1
    assert "Traceback" not in text


def test_feedback_words_for_timeouts_crashes_and_skips() -> None:
    kata = KataGrade(
        "pool_map",
        0,
        10,
        "timeout",
        failed_checks=(
            FailedCheck("test_a", ("fork",), "too slow", status="timeout"),
            FailedCheck("test_b", ("fork", "spawn", "forkserver"), "boom", status="error"),
        ),
        skipped_count=2,
    )
    text = feedback_markdown(SubmissionGrade("s", 0, 10, (kata,), "f"), [POOL])
    assert "## ✗ 04 · Map over a pool — TIMED OUT — 0 of 4 checks passed — 0 / 10 points" in text
    assert "### `test_a` ran out of time under the fork start method" in text
    assert "### `test_b` crashed under the fork, spawn and forkserver start methods" in text
    assert "2 check(s) could not run on the grading machine and were not counted." in text
    assert "```" not in text


def test_feedback_for_a_kata_that_was_not_graded() -> None:
    kata = KataGrade("pool_map", 0, 10, "skipped", skipped_count=3)
    text = feedback_markdown(SubmissionGrade("s", 0, 10, (kata,), "f"), [POOL])
    assert "## ✗ 04 · Map over a pool — NOT GRADED — 0 / 10 points" in text
    assert "Every check of this kata was skipped on the grading machine" in text


def test_markdown_in_names_and_messages_is_shown_literally() -> None:
    assert markdown_escape('put it under if __name__ == "__main__":') == (
        'put it under if \\_\\_name\\_\\_ == "\\_\\_main\\_\\_":'
    )
    assert markdown_escape("# <b>[x]</b> `y` *z* a|b ~c\\") == (
        "\\# \\<b\\>\\[x\\]\\</b\\> \\`y\\` \\*z\\* a\\|b \\~c\\\\"
    )


# --- report folders -----------------------------------------------------------------------------


def test_report_folders_never_take_the_class_file_names(tmp_path: Path) -> None:
    book = GradeBook([POOL])
    book.add(check_outcome("test_a", "fork", submission="grades.json", kata_id="pool_map"))
    book.add(check_outcome("test_a", "fork", submission="GRADES.CSV", kata_id="pool_map"))
    for name in ("grades.json", "GRADES.CSV"):
        book.finish(name)
        folder = write_submission_reports(tmp_path, book, name)
        assert folder.name == report_dir_name(name)
        assert folder.name.startswith(name + "-")
    write_class_reports(tmp_path, book, now=NOW)
    assert (tmp_path / "grades.json").is_file()


def test_write_submission_reports_creates_the_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "out"
    book = GradeBook([POOL])
    folder = write_submission_reports(out, book, "a/b")
    assert folder.parent == out
    assert sorted(path.name for path in folder.iterdir()) == ["feedback.md", "results.json"]


# --- atomic writing -----------------------------------------------------------------------------


def test_a_failure_mid_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_class_reports(tmp_path, class_book(), now=NOW)
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir() if path.is_file()}

    def disk_full(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    book = GradeBook(CATALOGUE)
    with pytest.raises(OSError, match="No space"):
        write_class_reports(tmp_path, book, now=NOW)
    after = {path.name: path.read_bytes() for path in tmp_path.iterdir() if path.is_file()}
    assert after == before
    assert len(load_grades(tmp_path)) == 3


def test_ctrl_c_before_the_rename_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "grades.csv"
    target.write_text("old\n", encoding="utf-8")
    written: list[bytes] = []

    def interrupted(source: str, destination: object) -> None:
        written.append(Path(source).read_bytes())
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(target, "new\n")
    assert written == [b"new\n"]
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [path.name for path in tmp_path.iterdir()] == ["grades.csv"]


def test_atomic_write_replaces_content_and_keeps_permissions(tmp_path: Path) -> None:
    target = tmp_path / "results.json"
    atomic_write_bytes(target, b"one")
    if sys.platform != "win32":
        assert stat.S_IMODE(target.stat().st_mode) == 0o644
        target.chmod(0o600)
    atomic_write_text(target, "two\r\nZoë\n")
    assert target.read_bytes() == "two\r\nZoë\n".encode()
    if sys.platform != "win32":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [path.name for path in tmp_path.iterdir()] == ["results.json"]


# --- load_grades and resuming -------------------------------------------------------------------


def test_load_grades_round_trips_every_recorded_grade(tmp_path: Path) -> None:
    book = class_book()
    write_class_reports(tmp_path, book, now=NOW)
    assert load_grades(tmp_path) == book.recorded_grades()


def test_load_grades_round_trips_names_that_are_not_valid_utf8(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9")
    book = GradeBook([POOL], fingerprints={name: "f"})
    book.add(check_outcome("test_a", "fork", submission=name, kata_id="pool_map"))
    book.finish(name)
    write_class_reports(tmp_path, book, now=NOW)
    write_submission_reports(tmp_path, book, name)
    assert list(load_grades(tmp_path)) == [name]
    assert (tmp_path / "grades.csv").read_bytes().decode("utf-8")


@pytest.mark.parametrize(
    "content",
    [
        None,
        "{not json",
        "[]",
        '{"schema": "other/1", "submissions": {}}',
        '{"schema": "pytest-mpkata/grades/1", "submissions": []}',
    ],
)
def test_load_grades_is_empty_without_a_usable_file(tmp_path: Path, content: str | None) -> None:
    if content is not None:
        (tmp_path / "grades.json").write_text(content, encoding="utf-8")
    assert load_grades(tmp_path) == {}


def test_load_grades_skips_damaged_entries_and_fills_optional_fields(tmp_path: Path) -> None:
    minimal_kata = {
        "score": 2,
        "max_score": 10,
        "status": "failed",
        "failed_checks": [{"check": "test_a", "start_methods": ["fork"], "message": "no"}],
    }
    document = {
        "schema": "pytest-mpkata/grades/1",
        "submissions": {
            "good": {
                "total": 2,
                "max": 10,
                "fingerprint": "f",
                "katas": {"pool_map": minimal_kata},
            },
            "no total": {"max": 10, "fingerprint": "f", "katas": {}},
            "bool score": {"total": True, "max": 10, "fingerprint": "f", "katas": {}},
            "bad kata": {"total": 1, "max": 10, "fingerprint": "f", "katas": {"k": []}},
            "bad methods": {
                "total": 1,
                "max": 10,
                "fingerprint": "f",
                "katas": {
                    "k": {
                        **minimal_kata,
                        "failed_checks": [{"check": "a", "start_methods": "fork", "message": ""}],
                    }
                },
            },
            "not an object": 3,
        },
    }
    (tmp_path / "grades.json").write_text(json.dumps(document), encoding="utf-8")
    assert load_grades(tmp_path) == {
        "good": SubmissionGrade(
            "good",
            2.0,
            10.0,
            (KataGrade("pool_map", 2.0, 10.0, "failed", (FailedCheck("test_a", ("fork",), "no"),)),),
            "f",
        )
    }


def test_a_rerun_keeps_unchanged_submissions_without_regrading_them(tmp_path: Path) -> None:
    first = class_book()
    write_class_reports(tmp_path, first, now=NOW)

    fingerprints = {ZOE: "f-zoe", "bob": "f-bob-edited", 'Ann, "A"': "f-ann"}
    second = GradeBook(CATALOGUE, fingerprints=fingerprints)
    assert second.preload(load_grades(tmp_path)) == ('Ann, "A"', ZOE)
    for method in METHODS:
        second.add(check_outcome("test_squares_logged", method, submission="bob", kata_id="pool_map"))
    second.finish("bob")
    write_class_reports(tmp_path, second, now=NOW)

    grades = load_grades(tmp_path)
    assert grades[ZOE] == first.recorded_grades()[ZOE]
    assert grades['Ann, "A"'] == first.recorded_grades()['Ann, "A"']
    assert (grades["bob"].total, grades["bob"].fingerprint) == (10, "f-bob-edited")


# --- safe folder names --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Zoë Müller", "bob", "Ann Lee (group 2)", "李雷", "x.y"])
def test_readable_names_stay_as_they_are(name: str) -> None:
    assert safe_name(name) == name


@pytest.mark.parametrize(
    ("name", "readable_part"),
    [
        ("a/b", "a_b"),
        ("a\\b", "a_b"),
        ('what? "me" <x>|*:', "what_ _me_ _x____"),
        ("tab\there\x00nul", "tab_here_nul"),
        ("evil\u202eexe.py", "evil_exe.py"),
        (".hidden", "_hidden"),
        ("..", "_"),
        ("trailing. . ", "trailing"),
        ("  leading", "leading"),
        ("", "_"),
        ("CON", "CON_"),
        ("nul.txt", "nul_.txt"),
        ("Com1", "Com1_"),
        ("LPT9.tar.gz", "LPT9_.tar.gz"),
        ("name-0123abcd", "name-0123abcd"),
    ],
)
def test_unsafe_names_are_cleaned_and_get_a_hash_of_the_original(name: str, readable_part: str) -> None:
    cleaned = safe_name(name)
    assert cleaned.startswith(readable_part + "-")
    assert len(cleaned) == len(readable_part) + 9
    assert cleaned == safe_name(name)


def test_names_that_look_alike_once_cleaned_never_collide() -> None:
    names = ["a/b", "a\\b", "a:b", "a_b", "a*b", ".a_b", "a_b.", "CON", "CON_", "con"]
    cleaned = [safe_name(name) for name in names]
    assert len(set(cleaned)) == len(names)
    assert len({name.casefold() for name in cleaned}) == len(names)


def test_decomposed_unicode_is_normalised_but_kept_apart_from_the_composed_name() -> None:
    decomposed = unicodedata.normalize("NFD", ZOE)
    cleaned = safe_name(decomposed)
    assert cleaned.startswith(ZOE + "-")
    assert cleaned != safe_name(ZOE)


def test_long_names_are_capped_in_characters_and_bytes() -> None:
    ascii_name = safe_name("x" * 300)
    assert len(ascii_name) == 80
    wide_name = safe_name("😀" * 100)
    assert len(wide_name.encode("utf-8")) <= 200
    assert safe_name("y" * 300) != ascii_name
    assert safe_name("x" * 300 + "!") != ascii_name


def test_reserved_names_are_compared_case_insensitively() -> None:
    assert safe_name("Grades.JSON", reserved=["grades.json"]).startswith("Grades.JSON-")
    assert safe_name("grades", reserved=["grades.json"]) == "grades"


def test_undecodable_names_get_a_writable_folder(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9")
    cleaned = safe_name(name)
    assert cleaned.startswith("caf_-")
    (tmp_path / cleaned).mkdir()


# --- fingerprints -------------------------------------------------------------------------------


@pytest.fixture
def submission(tmp_path: Path) -> Path:
    folder = tmp_path / "alice"
    (folder / "helpers").mkdir(parents=True)
    (folder / "pool_map.py").write_text("print('pool')\n", encoding="utf-8")
    (folder / "helpers" / "tools.py").write_text("X = 1\n", encoding="utf-8")
    (folder / "answers.ipynb").write_text("{}", encoding="utf-8")
    return folder


def test_fingerprint_is_stable_and_ignores_what_is_not_code(submission: Path) -> None:
    before = submission_fingerprint(submission)
    assert len(before) == 64
    (submission / "test.log").write_text("a log line\n", encoding="utf-8")
    (submission / "notes.txt").write_text("hi", encoding="utf-8")
    (submission / "__pycache__").mkdir()
    (submission / "__pycache__" / "pool_map.py").write_text("junk", encoding="utf-8")
    (submission / ".ipynb_checkpoints").mkdir()
    (submission / ".ipynb_checkpoints" / "answers.ipynb").write_text("[]", encoding="utf-8")
    (submission / "._pool_map.py").write_bytes(b"\x00\x05")
    assert submission_fingerprint(submission) == before


@pytest.mark.parametrize(
    "change",
    ["edit", "edit nested", "edit notebook", "add", "rename", "remove"],
)
def test_fingerprint_changes_when_the_code_changes(submission: Path, change: str) -> None:
    before = submission_fingerprint(submission)
    if change == "edit":
        (submission / "pool_map.py").write_text("print('pool!')\n", encoding="utf-8")
    elif change == "edit nested":
        (submission / "helpers" / "tools.py").write_text("X = 2\n", encoding="utf-8")
    elif change == "edit notebook":
        (submission / "answers.ipynb").write_text('{"cells": []}', encoding="utf-8")
    elif change == "add":
        (submission / "worker_pool.py").write_text("", encoding="utf-8")
    elif change == "rename":
        (submission / "pool_map.py").rename(submission / "pool_map2.py")
    else:
        (submission / "helpers" / "tools.py").unlink()
    assert submission_fingerprint(submission) != before


def test_fingerprint_does_not_confuse_content_moved_between_files(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    (one / "a.py").write_text("xy", encoding="utf-8")
    (one / "b.py").write_text("", encoding="utf-8")
    (two / "a.py").write_text("x", encoding="utf-8")
    (two / "b.py").write_text("y", encoding="utf-8")
    assert submission_fingerprint(one) != submission_fingerprint(two)


def test_fingerprint_depends_on_the_salt_and_not_on_the_folder_location(
    submission: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "elsewhere" / "alice"
    copy.parent.mkdir()
    submission.rename(copy)
    assert submission_fingerprint(copy, "katas v1") == submission_fingerprint(copy, "katas v1")
    assert submission_fingerprint(copy, "katas v1") != submission_fingerprint(copy, "katas v2")


def test_fingerprint_of_an_absent_or_empty_folder_depends_on_the_salt_only(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert submission_fingerprint(tmp_path / "absent", "s") == submission_fingerprint(tmp_path / "empty", "s")


def test_a_message_keeps_its_code_spans_and_escapes_the_rest() -> None:
    message = 'Put it under `if __name__ == "__main__":`, not in *main*.'
    assert markdown_with_code(message) == 'Put it under `if __name__ == "__main__":`, not in \\*main\\*.'
    assert markdown_with_code("one ` alone") == markdown_escape("one ` alone")


def test_two_checks_of_one_run_show_its_picture_once() -> None:
    failures = tuple(
        FailedCheck(check, ("fork",), "it failed", picture="the run") for check in ("test_a", "test_b")
    )
    kata = KataGrade("pool_map", 0.0, 10.0, "failed", failures)
    grade = SubmissionGrade("ann", 0.0, 10.0, (kata,), fingerprint="f")
    text = feedback_markdown(grade, [KataInfo("pool_map", "Map over a pool", 4)])
    assert text.count("the run") == 1 and text.count("What your program did:") == 1
