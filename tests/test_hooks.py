"""An instructor's conftest.py takes part through the plugin's own hooks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from mpkata_testing import batch_args, copy_katas, solve

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def pool_map_kata(pytester: pytest.Pytester) -> Path:
    katas = copy_katas(pytester.path, ("04_pool_map",))
    solve(katas, "04_pool_map")
    return katas / "04_pool_map"


def test_run_request_hook_changes_how_the_program_runs(
    pytester: pytest.Pytester, pool_map_kata: Path
) -> None:
    pytester.makeconftest(
        """
        import dataclasses, json

        def pytest_mpkata_run_request(kata, request):
            return dataclasses.replace(request, start_method="spawn", extra_env={"GREETING": "hi"})

        def pytest_mpkata_run_finished(kata, submission, result):
            with open("runs.jsonl", "a") as handle:
                handle.write(json.dumps([kata.kata_id, result.start_method, result.exit_code]) + "\\n")
        """
    )
    result = pytester.runpytest_subprocess(
        "katas", "--mpkata-start-methods", "fork", "-p", "no:cacheprovider", timeout=120
    )
    result.assert_outcomes(passed=5)
    runs = [json.loads(line) for line in (pytester.path / "runs.jsonl").read_text().splitlines()]
    assert runs == [["pool_map", "spawn", 0]]


def test_score_and_graded_hooks_decide_and_receive_grades(
    pytester: pytest.Pytester, pool_map_kata: Path
) -> None:
    klass = pytester.path / "class"
    for name, program in {
        "good": ROOT / "solutions" / "pool_map.py",
        "half": ROOT / "katas" / "01_create_process" / "mutants" / "never_joined.py",
    }.items():
        (klass / name).mkdir(parents=True)
        shutil.copyfile(program, klass / name / "pool_map.py")
    pytester.makeconftest(
        """
        def pytest_mpkata_score(kata, outcomes):
            return kata.points if all(o.outcome != "failed" for o in outcomes) else 0.0

        def pytest_mpkata_kata_graded(submission, grade):
            with open("graded.txt", "a") as handle:
                handle.write(f"{submission} {grade.kata_id} {grade.score:g} {grade.status}\\n")
        """
    )
    result = pytester.runpytest_subprocess(
        *batch_args("katas", submissions=klass, methods="fork"),
        timeout=120,
    )
    result.stdout.fnmatch_lines(["*mpkata grades*", "*2 submissions graded*"])
    graded = sorted((pytester.path / "graded.txt").read_text().splitlines())
    assert graded == ["good pool_map 10 passed", "half pool_map 0 failed"]
    grades = json.loads((pytester.path / "out" / "grades.json").read_text())
    assert grades["submissions"]["half"]["total"] == 0


def test_a_typo_in_start_methods_is_a_usage_error(pytester: pytest.Pytester, pool_map_kata: Path) -> None:
    result = pytester.runpytest_subprocess("katas", "--mpkata-start-methods", "spwan", timeout=60)
    result.stderr.fnmatch_lines(["*invalid start method spwan from --mpkata-start-methods*expected*"])
    assert result.ret == pytest.ExitCode.USAGE_ERROR


def test_an_unrelated_test_suite_is_untouched(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_plain="def test_one():\n    assert 1 + 1 == 2\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", timeout=60)
    result.assert_outcomes(passed=1)
    result.stdout.no_fnmatch_line("*kata progress*")
    result.stdout.no_fnmatch_line("*mpkata grades*")
