"""Installed without extras, the plugin works, and a missing extra is one line, not a traceback.

Each test hides an optional package from a real pytest run (``sys.modules[name] = None`` in
a conftest makes its import fail, as on a machine without it).  ``.ci/run`` also installs
the built wheel without extras into a fresh venv (``.ci/plain-install``).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from mpkata_testing import copy_katas

ROOT = Path(__file__).resolve().parent.parent

HIDE = """
import sys

for name in {names!r}:
    sys.modules[name] = None
"""


def hide(pytester: pytest.Pytester, *names: str) -> None:
    pytester.makeconftest(HIDE.format(names=list(names)))


def write_plain_notebook(path, source: str) -> None:
    """A notebook written as JSON, without nbformat (which this machine is pretending not to have)."""
    cell = {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": source}
    path.write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [cell]}))


def test_katas_are_collected_under_strict_markers_without_pytest_xdist(pytester: pytest.Pytester) -> None:
    copy_katas(pytester.path, ("01_create_process",))
    pytester.makeini("[pytest]\naddopts = --strict-markers --strict-config\n")

    result = pytester.runpytest_subprocess(
        "katas", "-p", "no:xdist", "-p", "no:cacheprovider", "--mpkata-start-methods", "spawn", timeout=120
    )

    result.assert_outcomes(failed=4)  # the untouched starter: every check says "not started"
    result.stdout.no_fnmatch_line("*xdist_group*")


def test_a_notebook_without_the_notebook_extra_fails_with_the_install_line(pytester: pytest.Pytester) -> None:
    copy_katas(pytester.path, ("01_create_process",))
    hide(pytester, "nbformat")
    write_plain_notebook(pytester.path / "answers.ipynb", "# kata: create_process\nprint('hello')\n")

    result = pytester.runpytest_subprocess(
        "katas",
        "--mpkata-submission",
        "answers.ipynb",
        "--mpkata-start-methods",
        "spawn,fork",
        "-p",
        "no:cacheprovider",
        timeout=120,
    )

    result.assert_outcomes(failed=8)
    result.stdout.fnmatch_lines(
        ['*Grading a notebook needs nbformat*pip install "pytest-mpkata[[]notebook[]]"*']
    )
    result.stdout.no_fnmatch_line("*Traceback*")
    result.stdout.no_fnmatch_line("*ModuleNotFoundError*")
    assert result.stdout.str().count("NotebookSupportMissing: Grading a notebook") == 1


def test_explain_without_coverage_is_a_usage_error_naming_the_extra(pytester: pytest.Pytester) -> None:
    copy_katas(pytester.path, ("01_create_process",))
    hide(pytester, "coverage")

    result = pytester.runpytest_subprocess("katas", "--mpkata-explain", "-p", "no:cacheprovider", timeout=60)

    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ['*--mpkata-explain needs coverage.py*pip install "pytest-mpkata[[]explain[]]"*']
    )


LIST_MODULES = """
import sys

def pytest_unconfigure():
    loaded = sorted(name for name in sys.modules if name.startswith("pytest_mpkata"))
    print("mpkata modules:", " ".join(loaded))
"""
SWITCHBOARD = (
    "pytest_mpkata pytest_mpkata.hookspecs pytest_mpkata.options pytest_mpkata.plugin "
    "pytest_mpkata.run pytest_mpkata.run.startmethods pytest_mpkata.session pytest_mpkata.session.keys"
)


def test_a_suite_without_katas_loads_only_the_switchboard(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(LIST_MODULES)
    pytester.makepyfile(test_one="def test_one():\n    pass\n")

    result = pytester.runpytest_subprocess("-s", "-p", "no:cacheprovider", timeout=60)

    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines([f"mpkata modules: {SWITCHBOARD}"])


def test_an_mpkata_option_is_checked_at_once_even_without_katas(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_one="def test_one():\n    pass\n")

    result = pytester.runpytest_subprocess(
        "--mpkata-start-methods", "frok", "-p", "no:cacheprovider", timeout=60
    )

    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*invalid start method frok from --mpkata-start-methods*"])


def test_without_the_plugin_the_katas_say_in_one_line_how_to_get_it(pytester: pytest.Pytester) -> None:
    """A learner whose virtual environment is not active: one line, not four fixture errors."""
    copy_katas(pytester.path, ("01_create_process",))
    shutil.copyfile(ROOT / "katas" / "conftest.py", pytester.path / "katas" / "conftest.py")

    result = pytester.runpytest_subprocess("katas", "-p", "no:mpkata", "-p", "no:cacheprovider", timeout=120)

    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: pytest-mpkata is not installed in this Python (*): activate*"])
    assert "kata_run" not in result.stdout.str() + result.stderr.str()
