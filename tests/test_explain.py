"""--mpkata-explain shows which processes ran each line of the learner's file."""

from __future__ import annotations

from pathlib import Path

import pytest
from mpkata_testing import copy_katas, solve

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def solved_create_process(pytester: pytest.Pytester) -> None:
    solve(copy_katas(pytester.path, ("01_create_process",)), "01_create_process")


@pytest.mark.parametrize(("method", "module_level_marks"), [("spawn", "M C1"), ("fork", "M")])
def test_module_level_lines_run_again_in_children_only_under_spawn(
    pytester: pytest.Pytester, solved_create_process: None, method: str, module_level_marks: str
) -> None:
    result = pytester.runpytest_subprocess(
        "katas",
        "--mpkata-explain",
        "--mpkata-start-methods",
        method,
        "-p",
        "no:cacheprovider",
        timeout=120,
    )
    result.assert_outcomes(passed=4)
    result.stdout.fnmatch_lines(
        [
            "*which process ran which line*",
            f"create_process.py under {method}: M = MainProcess (pid *), "
            "C1 = Process-1 (pid *) running say_hello",
            f"{module_level_marks} * 3 | import logging",
            "C1 * 11 |     logging.info(*",
            "M  * 16 |     child.start()",
        ]
    )
