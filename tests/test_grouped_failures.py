"""The terminal shows each distinct kata failure once, naming the start methods it failed under."""

from __future__ import annotations

import textwrap
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from mpkata_testing import check_outcome, copy_katas

from pytest_mpkata.learner.failures import same_failure
from pytest_mpkata.session.outcome import CheckOutcome

GUARDLESS_PROGRAM = """\
import multiprocessing


def work():
    pass


child = multiprocessing.Process(target=work)
child.start()
child.join()
"""
GUARDLESS_CHECKS = """
from pytest_mpkata import checks

def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)

def test_prints_hello(kata_run):
    assert kata_run.result.stdout == "hello\\n"
"""


def run_katas(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest_subprocess("katas", "-p", "no:cacheprovider", *args, timeout=300)


def test_the_starters_print_each_distinct_failure_once_naming_the_three_methods(
    pytester: pytest.Pytester,
) -> None:
    copy_katas(pytester.path, ("01_create_process", "04_pool_map"))
    result = run_katas(pytester)
    result.assert_outcomes(passed=0, failed=27)  # an untouched starter earns nothing: "not started"
    result.stdout.fnmatch_lines(
        [
            "*= FAILURES =*",
            "*_ create_process::all 4 checks under fork, spawn and forkserver _*",
            "Your program ran and did nothing*",
            "*- what your program did (under fork) -*",
            "create_process.py under fork: exited with code 0*",
            "*_ pool_map::all 5 checks under fork, spawn and forkserver _*",
            "*= kata progress =*",
        ]
    )
    headlines = [line for line in result.outlines if " under fork, spawn and forkserver " in line]
    assert len(headlines) == 2 == len(set(headlines))
    result.stdout.no_fnmatch_line("FAILED katas/*")  # the progress summary says it; -r brings them back
    result.stdout.no_fnmatch_line("spawn_process.py under spawn:*")


@pytest.fixture
def guardless_kata(pytester: pytest.Pytester) -> Path:
    """A program without a ``__main__`` guard: fine under fork, broken under spawn and forkserver."""
    folder = pytester.path / "katas" / "01_guardless"
    folder.mkdir(parents=True)
    (folder / "kata.toml").write_text('id = "guardless"\ntitle = "Guardless"\norder = 1\ntime_limit = 20.0\n')
    (folder / "guardless.py").write_text(GUARDLESS_PROGRAM)
    (folder / "test_guardless.py").write_text(textwrap.dedent(GUARDLESS_CHECKS))
    return folder


def test_where_the_start_methods_differ_each_way_of_failing_has_its_block(
    pytester: pytest.Pytester, guardless_kata: Path
) -> None:
    result = run_katas(pytester, "-rA", "--junitxml", "report.xml")
    result.assert_outcomes(passed=1, failed=5)
    result.stdout.fnmatch_lines(
        [
            "*_ guardless::test_runs_cleanly under spawn and forkserver (passed under fork) _*",
            "Under spawn, each child process re-imports your file*",
            "*_ guardless::test_prints_hello under fork, spawn and forkserver _*",
            "*assert '' == 'hello*",
        ]
    )
    result.stdout.no_fnmatch_line("*_ guardless::test_runs_cleanly under forkserver *")
    result.stdout.fnmatch_lines(
        [
            "PASSED katas/01_guardless/test_guardless.py::test_runs_cleanly[[]fork[]]",
            "FAILED katas/01_guardless/test_guardless.py::test_runs_cleanly[[]spawn[]]*",
            "FAILED katas/01_guardless/test_guardless.py::test_runs_cleanly[[]forkserver[]]*",
        ]
    )
    suite = ElementTree.parse(pytester.path / "report.xml").getroot().find("testsuite")
    assert suite is not None
    failed = sorted(
        case.get("name", "") for case in suite.iter("testcase") if case.find("failure") is not None
    )
    assert failed == [
        "test_prints_hello[fork]",
        "test_prints_hello[forkserver]",
        "test_prints_hello[spawn]",
        "test_runs_cleanly[forkserver]",
        "test_runs_cleanly[spawn]",
    ]


def test_other_tests_fail_as_pytest_prints_them(pytester: pytest.Pytester, guardless_kata: Path) -> None:
    pytester.makepyfile(test_plain="def test_plain():\n    assert 1 == 2\n")
    result = pytester.runpytest_subprocess("katas", "test_plain.py", "-p", "no:cacheprovider", timeout=300)
    result.assert_outcomes(passed=1, failed=6)
    result.stdout.fnmatch_lines(
        ["*_ guardless::test_prints_hello under *", "*_ test_plain _*", "*assert 1 == 2"]
    )


@pytest.mark.parametrize("style", ["line", "no"])
def test_tb_line_and_no_are_left_to_pytest(
    pytester: pytest.Pytester, guardless_kata: Path, style: str
) -> None:
    result = run_katas(pytester, f"--tb={style}")
    result.assert_outcomes(passed=1, failed=5)
    result.stdout.no_fnmatch_line("* under spawn and forkserver *")


def outcome(start_method: str, message: str, kind: str = "no_log_file") -> CheckOutcome:
    return check_outcome("test_log_file", start_method, "failed", submission="", message=message, kind=kind)


def test_numbers_and_start_method_names_aside_failures_are_the_same() -> None:
    fork = outcome("fork", "Under fork, ForkProcess-1 (pid 123) logged 2 lines.")
    spawn = outcome("spawn", "Under spawn, SpawnProcess-1 (pid 4567) logged 3 lines.")
    assert same_failure(fork) == same_failure(spawn)
    assert same_failure(fork) != same_failure(outcome("fork", "Your program logged nothing."))
    assert same_failure(fork) != same_failure(outcome("fork", fork.message, kind="not_reached"))
