"""Whether a program keeps what it runs under ``if __name__ == "__main__":``, told from the run.

Under spawn and forkserver each child imports the learner's file again (as ``__mp_main__``):
whatever its top level does, the child does too.  Unguarded, starting a process there fails
with multiprocessing's "bootstrapping phase" error (the classic diagnosis); other top-level work
shows as a child that logged what the parent logged, or a process a child started.  Under fork
nothing is imported again, so a missing guard shows only under the other two methods.
"""

from __future__ import annotations

from pytest_mpkata.judge import diagnose
from pytest_mpkata.judge import guard_messages as says
from pytest_mpkata.judge.findings import Message
from pytest_mpkata.trace.model import RunResult

__all__ = ["started_only_from_the_main_block"]


def started_only_from_the_main_block(result: RunResult) -> Message:
    """Every process was started by the main process, and no child re-ran the file's top level."""
    classic = diagnose.classic_error(result)
    if classic is not None and classic.kind == diagnose.MISSING_MAIN_GUARD.kind:
        return classic.explanation
    main = result.main
    for process in result.learner_processes:
        if process.started_by not in (None, main.pid):
            parent = result.process(process.started_by)
            by = parent.label if parent is not None else f"pid {process.started_by}"
            return says.STARTED_BY_A_CHILD.found(label=process.label, parent=by, main=main.label)
    return _top_level_ran_again(result)


def _top_level_ran_again(result: RunResult) -> Message:
    """A child that logged a message the parent logged too: the file's top level, run again."""
    said_by_main = {e.message for e in result.logs if e.pid == result.main.pid}
    for event in result.logs:
        process = result.process(event.pid)
        if process is not None and process.role != "main" and event.message in said_by_main:
            return says.TOP_LEVEL_RAN_AGAIN.found(
                method=result.start_method, label=process.label, message=event.message, main=result.main.label
            )
    return None
