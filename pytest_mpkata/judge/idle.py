"""Whether a run did nothing a learner would have written: how the untouched starter is told apart."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pytest_mpkata.trace.model import RunResult

__all__ = ["run_was_idle"]


def run_was_idle(result: RunResult) -> bool:
    """True when a run did nothing a learner would have written: the untouched starter's run."""
    return (
        result.finished_normally
        and result.exit_code == 0
        and not result.log_lines
        and not result.logs
        and not result.stdout.strip()
        and not result.stderr.strip()
        and not result.pools
        and not result.learner_threads
        and not result.exceptions
        and all(process.role in ("main", "helper") for process in result.processes)
    )
