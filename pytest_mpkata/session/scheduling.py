"""Schedule kata items under pytest-xdist: all checks of one run on one worker.

A run of a learner's program is shared by the checks of that kata under that start method,
so those items must land on the same worker, or the program runs twice.  This scheduler is
xdist's ``loadscope`` with kata-aware scopes: in batch mode a whole submission is one unit
(so its reports are written as soon as its worker is done), otherwise a whole kata (its test
module); other tests keep loadscope's scopes (their class, else their module).

It is used when ``-n`` is given without an explicit ``--dist``.  It does not rely on
``--dist loadgroup``, whose node-id suffix newer pytest versions no longer carry.
"""

from __future__ import annotations

from typing import Any

from xdist.scheduler import LoadScopeScheduling  # type: ignore[import-untyped]

from pytest_mpkata.session.outcome import submission_in_nodeid

__all__ = ["KataRunScheduling"]


class KataRunScheduling(LoadScopeScheduling):  # type: ignore[misc]
    """``loadscope`` whose kata items are grouped by submission (batch) or by kata."""

    def __init__(self, config: Any, log: Any = None, batch: bool = False) -> None:
        super().__init__(config, log)
        self.batch = batch

    def _split_scope(self, nodeid: str) -> str:
        if self.batch and "::test_" in nodeid.partition("[")[0]:
            submission = submission_in_nodeid(nodeid)
            if submission:
                return f"submission:{submission}"
        return str(super()._split_scope(nodeid))
