"""A pytest plugin for the catalogue's own tests: grade some submissions under fewer start methods.

``tests/test_katas.py`` grades each kata's class (reference, starter, variants, mutants) in one
batch session.  A mutant whose header lists every start method is graded under one of them,
taken in turn (``rotated_methods``), so that the three methods each judge a third of a kata's
mutants; everything else keeps every method.  This plugin drops the other items before the
session plans its runs, so the dropped runs never start.  It is handed to ``pytest.main``
directly, never through an environment variable a learner's program would inherit.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

OPTION = "--mpkata-test-only-methods"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        OPTION,
        metavar="FILE",
        help="a JSON object: submission -> the start methods to grade it under (others: every one)",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    path = config.getoption(OPTION)
    if not path:
        return
    only: dict[str, list[str]] = json.loads(Path(path).read_text(encoding="utf-8"))
    kept: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        submission, method = submission_and_method(item.name)
        (dropped if submission in only and method not in only[submission] else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def submission_and_method(name: str) -> tuple[str, str]:
    """``check[submission-method]`` -> (submission, method), as the JUnit report names them."""
    _, _, params = name.partition("[")
    submission, _, method = params.rstrip("]").rpartition("-")
    return submission, method
