"""What the processes still alive were waiting on when a run was stopped at its time limit: a
queue no sentinel came to, a pipe both ends read, an Event never set, a Barrier never filled, a
join() of a child that cannot exit until someone reads its queue.

A ``wait()`` that never returns leaves only the record written as it was called
(``records.EVENT_WAITING``, ``records.BARRIER_WAITING``), with no returned wait after it: that
is how a hung run still names its waiters, the primitive, and (for a Barrier) its parties.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from pytest_mpkata.judge import deadlock_messages
from pytest_mpkata.judge import sync_messages as says
from pytest_mpkata.judge.findings import Template
from pytest_mpkata.judge.picture_moments import object_labels
from pytest_mpkata.run import records
from pytest_mpkata.trace.facts import ProcessInfo
from pytest_mpkata.trace.model import RunResult

__all__ = [
    "TIMEOUT_CONSUMERS_WAIT",
    "TIMEOUT_PIPE_WAIT",
    "TIMEOUT_SENTINEL_IGNORED",
    "joined_a_child_still_flushing",
    "unread_items",
    "waited_on",
    "waiting_on_sync",
]

TIMEOUT_CONSUMERS_WAIT = Template(
    "timeout_consumers_wait",
    "A consumer waits forever: put one sentinel per consumer. {labels} took every item from the "
    "queue and still waited in `get()` when the run was stopped; your program put {sentinels} "
    "sentinel(s) (`None`) for {consumers} consumers.",
)
TIMEOUT_SENTINEL_IGNORED = Template(
    "timeout_sentinel_ignored",
    "Your consumers took their sentinels (`None`) and still waited in `get()` when the run was "
    "stopped ({labels}): stop the loop when the item a consumer takes is `None`.",
)
TIMEOUT_PIPE_WAIT = Template(
    "timeout_pipe_wait",
    "Both ends of your pipe wait in `recv()`: every message sent over it had been received, and "
    "{labels} still waited for one more when the run was stopped. One side must `send()` before "
    "the other can `recv()`: the parent sends each number first, the child receives it and replies.",
)


def waited_on(result: RunResult, unfinished: list[ProcessInfo]) -> str | None:
    """What ``unfinished`` (the children alive when the run was stopped) and the main process
    were waiting on, when it tells why the run never ended; None otherwise."""
    return (
        joined_a_child_still_flushing(result, unfinished)
        or _consumers_waiting(result, unfinished)
        or _pipe_waiting(result, unfinished)
        or waiting_on_sync(result, unfinished)
    )


def joined_a_child_still_flushing(result: RunResult, unfinished: Sequence[ProcessInfo]) -> str | None:
    """A join() that never returned, of a child that never got past flushing its queue as it
    exited (``records.JOIN_WAITING``, ``records.QUEUE_FLUSHING``): the queue deadlock."""
    processes = [result.main, *unfinished]
    joins = _still_waiting(result, processes, records.JOIN_WAITING, records.JOIN_RETURNED, "child")
    flushing = _still_waiting(result, unfinished, records.QUEUE_FLUSHING, records.QUEUE_FLUSHED, "queue")
    names = object_labels(result.moments_of())
    for queue, children in flushing.items():
        for child in children:
            parents = joins.get(str(child.pid))
            if parents:
                return deadlock_messages.JOIN_ON_A_FULL_QUEUE.found(
                    parent=parents[0].label,
                    child=child.label,
                    queue=names.get(queue, queue),
                    unread=unread_items(result, queue),
                )
    return None


def unread_items(result: RunResult, queue: str) -> int:
    """How many items put on ``queue`` no get() returned."""
    actions = Counter(e.action for e in result.queue_events if e.queue == queue)
    return actions["put"] - actions["get"]


def _consumers_waiting(result: RunResult, unfinished: list[ProcessInfo]) -> str | None:
    """Consumers still alive on a queue whose every item was taken: no sentinel came for them."""
    for queue in {e.queue for e in result.queue_events}:
        events = [e for e in result.queue_events if e.queue == queue]
        puts = [e for e in events if e.action == "put"]
        takers = {e.pid for e in events if e.action == "get"}
        waiting = [p for p in unfinished if p.pid in takers]
        if not waiting or len(puts) != len(events) - len(puts):
            continue
        labels = ", ".join(p.label for p in waiting[:4])
        sentinels = sum(1 for e in puts if e.is_sentinel)
        consumers = len({p for p in takers if p != result.main_pid})
        if sentinels >= consumers:
            return TIMEOUT_SENTINEL_IGNORED.found(labels=labels)
        return TIMEOUT_CONSUMERS_WAIT.found(labels=labels, sentinels=sentinels, consumers=consumers)
    return None


def _pipe_waiting(result: RunResult, unfinished: list[ProcessInfo]) -> str | None:
    """A pipe over which every message sent was received, with a process that used it still alive."""
    for pipe in {e.pipe for e in result.pipe_events}:
        events = [e for e in result.pipe_events if e.pipe == pipe]
        sends = [e for e in events if e.action == "send"]
        receives = [e for e in events if e.action == "recv"]
        users = {e.pid for e in events}
        waiting = [p for p in unfinished if p.pid in users]
        if waiting and len(sends) == len(receives):
            labels = ", ".join(p.label for p in [result.main, *waiting][:4])
            return TIMEOUT_PIPE_WAIT.found(labels=labels)
    return None


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
