"""Who was waiting on what when a run was stopped at its time limit: an Event never set, a
Barrier never filled.

A ``wait()`` that never returns leaves only the record written as it was called
(``records.EVENT_WAITING``, ``records.BARRIER_WAITING``), with no returned wait after it: that
is how a hung run still names its waiters, the primitive, and (for a Barrier) its parties.
"""

from __future__ import annotations

from collections.abc import Sequence

from pytest_mpkata.judge import sync_messages as says
from pytest_mpkata.judge.picture_moments import object_labels
from pytest_mpkata.run import records
from pytest_mpkata.trace.facts import ProcessInfo
from pytest_mpkata.trace.model import RunResult

__all__ = ["waiting_on_sync"]


def _still_waiting(
    result: RunResult, processes: Sequence[ProcessInfo], called: str, returned: str, field: str
) -> dict[str, list[ProcessInfo]]:
    """Primitive key -> the processes whose last wait on it was called and never returned."""
    stuck: dict[str, list[ProcessInfo]] = {}
    for process in processes:
        began = result.moments_of(called, pid=process.pid)
        if len(began) > len(result.moments_of(returned, pid=process.pid)):
            stuck.setdefault(str(began[-1].get(field)), []).append(process)
    return stuck


def _fix(result: RunResult, key: str, name: str, otherwise: str) -> str:
    """A primitive made outside the parent (by a spawned child's or the fork server's import of
    the module) was never the parent's to share: that is the fix, whatever else went wrong."""
    maker = int(key.partition(":")[0] or 0)
    if maker == result.main_pid:
        return otherwise
    process = result.process(maker)
    where = process.label if process is not None and process.role != "main" else f"pid {maker}"
    return says.MADE_IN_THE_WAITER.format(what=name, where=where)


def waiting_on_sync(result: RunResult, unfinished: Sequence[ProcessInfo]) -> str | None:
    """Why the main process and ``unfinished`` (the children alive when the run was stopped) never
    ended, if they were waiting on an Event no process set or at a Barrier too few processes
    reached; None otherwise."""
    processes = [result.main, *unfinished]
    names = object_labels(result.moments_of())
    events = _still_waiting(result, processes, records.EVENT_WAITING, records.EVENT_WAIT, "event")
    ever_set = {str(m.get("event")) for m in result.moments_of(records.EVENT_SET)}
    for key, waiting in events.items():
        if key not in ever_set:
            name = names.get(key, key)
            return says.EVENT_NEVER_SET.found(
                labels=", ".join(p.label for p in waiting[:4]),
                event=name,
                fix=_fix(result, key, name, says.WAITS_ELSEWHERE),
            )
    barriers = _still_waiting(result, processes, records.BARRIER_WAITING, records.BARRIER_WAIT, "barrier")
    for key, waiting in barriers.items():
        name = names.get(key, key)
        reached = result.moments_of(records.BARRIER_WAITING, pid=waiting[0].pid)[-1]
        otherwise = _barrier_fix(len(barriers), len(waiting))
        return says.BARRIER_NEVER_FILLED.found(
            barrier=name,
            parties=reached.get("parties"),
            reached=len(waiting),
            labels=", ".join(p.label for p in waiting[:4]),
            fix=_fix(result, key, name, otherwise),
        )
    return None


def _barrier_fix(barriers: int, reached: int) -> str:
    if barriers > 1:
        return says.BARRIER_OF_ITS_OWN.format(barriers=barriers)
    return says.BARRIER_PARTIES_FIX.format(reached=reached)
