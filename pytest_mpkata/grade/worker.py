"""Batch grading, worker side: skip the submissions the controller kept from the last report.

Under pytest-xdist each worker collects every item; the controller (``grade.controller``)
has already decided which submissions are unchanged and hands their names over in
``workerinput``.  A worker never hashes submissions and never sees a grade.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pytest_mpkata.session.runs import KataTarget

__all__ = ["KEPT_INPUT_KEY", "GradingWorker", "deselect_submissions"]

KEPT_INPUT_KEY = "mpkata_kept"
"""The ``workerinput`` key under which the controller lists the submissions it keeps."""


def deselect_submissions(
    config: pytest.Config,
    items: list[pytest.Item],
    targets: Mapping[int, KataTarget | None],
    submissions: set[str],
) -> None:
    """Deselect every check item of the given submissions."""
    if not submissions:
        return
    dropped = [i for i in items if (t := targets.get(id(i))) is not None and t.submission in submissions]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [i for i in items if i not in dropped]


class GradingWorker:
    """Registered on xdist workers in batch mode: deselects the kept submissions' items."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        workerinput = getattr(config, "workerinput", {})
        self.kept = set(workerinput.get(KEPT_INPUT_KEY, ()))

    def deselect_kept(self, items: list[pytest.Item], targets: Mapping[int, KataTarget | None]) -> None:
        deselect_submissions(self.config, items, targets, self.kept)
