"""Checks of synchronisation: an Event as a go signal, a Barrier between two phases.

Pure functions from a ``RunResult`` to ``None`` (pass) or a message, like ``checks.py``.  Each
rests on what the run did, never on the program's text: the tracer's moments (``records.MOMENTS``:
a ``set()``, a ``wait()`` called and returned, a Barrier reached and passed) in the process that
made them, and the test.log lines tied to the process whose logging call wrote them.  A moment is
written on its safe side (a ``set()`` before the flag is set, a returned ``wait()`` after it
returned), so "after" here is never an accident of two clocks.
"""

from __future__ import annotations

from pytest_mpkata.judge import sync_messages as says
from pytest_mpkata.judge.checks import created_children
from pytest_mpkata.judge.findings import Message
from pytest_mpkata.judge.log_checks import logged_matching
from pytest_mpkata.judge.picture_moments import object_labels
from pytest_mpkata.run import records
from pytest_mpkata.trace.facts import Moment, ProcessInfo
from pytest_mpkata.trace.model import RunResult

__all__ = [
    "event_set_after_workers_started",
    "phases_split_by_the_barrier",
    "work_waited_for_the_event",
    "workers_passed_one_barrier",
    "workers_waited_on_one_event",
]


def _named(result: RunResult, key: object) -> str:
    """A primitive's name in this run ("Event 1"), as the picture shows it."""
    return object_labels(result.moments_of()).get(str(key), str(key))


def _first(moments: tuple[Moment, ...], field: str, key: object) -> Moment | None:
    return next((m for m in moments if m.get(field) == key), None)


# --- an Event as a go signal ------------------------------------------------------------------


def _returned_waits(result: RunResult, pid: int) -> tuple[Moment, ...]:
    return tuple(m for m in result.moments_of(records.EVENT_WAIT, pid=pid) if m.get("flag"))


def _go_event(result: RunResult) -> str | None:
    """The Event the first worker's first returned ``wait()`` was on."""
    for worker in result.children_of(result.main):
        waits = _returned_waits(result, worker.pid)
        if waits:
            return str(waits[0].get("event"))
    return None


def _not_waiting(result: RunResult, worker: ProcessInfo) -> Message:
    polled = result.moments_of(records.EVENT_POLLED, pid=worker.pid)
    if polled:
        return says.EVENT_POLLED.found(label=worker.label, event=_named(result, polled[0].get("event")))
    return says.NO_EVENT_WAIT.found(label=worker.label)


def workers_waited_on_one_event(result: RunResult, workers: int) -> Message:
    """``workers`` children each returned from ``wait()`` on one and the same Event, which the
    parent set."""
    problem = created_children(result, workers)
    if problem is not None:
        return problem
    waited: dict[str, ProcessInfo] = {}
    for worker in result.children_of(result.main):
        waits = _returned_waits(result, worker.pid)
        if not waits:
            return _not_waiting(result, worker)
        waited.setdefault(str(waits[0].get("event")), worker)
    if len(waited) > 1:
        events = ", ".join(f"{_named(result, key)} by {w.label}" for key, w in list(waited.items())[:4])
        return says.EVENT_PER_WORKER.found(count=len(waited), events=events)
    return _set_by_parent(result, next(iter(waited)))


def _set_by_parent(result: RunResult, event: str) -> Message:
    sets = [m for m in result.moments_of(records.EVENT_SET) if m.get("event") == event]
    if any(m.pid == result.main.pid for m in sets):
        return None
    setter = result.process(sets[0].pid) if sets else None
    return says.EVENT_NOT_SET_BY_PARENT.found(
        pid=result.main.pid,
        event=_named(result, event),
        setter=f" ({setter.label} set it)" if setter is not None else "",
    )


def event_set_after_workers_started(result: RunResult) -> Message:
    """The parent's first ``set()`` of the workers' Event came after it had started every worker."""
    event = _go_event(result)
    workers = result.children_of(result.main)
    if event is None:
        return _not_waiting(result, workers[0]) if workers else created_children(result, 1)
    given = _first(result.moments_of(records.EVENT_SET, pid=result.main.pid), "event", event)
    if given is None:
        return _set_by_parent(result, event)
    late = [w for w in workers if w.start_called is None or w.start_called > given.time]
    if not late:
        return None
    labels = ", ".join(w.label for w in late[:4])
    return says.EVENT_SET_BEFORE_START.found(event=_named(result, event), labels=labels)


def work_waited_for_the_event(result: RunResult, work_pattern: str) -> Message:
    """Each test.log line matching ``work_pattern`` was logged by a worker after its ``wait()`` on
    the go Event had returned."""
    event = _go_event(result)
    if event is None:
        return event_set_after_workers_started(result)
    for line in logged_matching(result, work_pattern):
        wait = _first(_returned_waits(result, line.pid), "event", event)
        writer = result.process(line.pid)
        label = writer.label if writer is not None else f"pid {line.pid}"
        if wait is None:
            return says.WORK_NOT_BY_WORKER.found(
                message=line.message, label=label, event=_named(result, event)
            )
        if line.time < wait.time:
            return says.WORK_BEFORE_GO.found(message=line.message, label=label, event=_named(result, event))
    return None


# --- a Barrier between two phases -------------------------------------------------------------


def _passes(result: RunResult, pid: int) -> tuple[Moment, ...]:
    """The Barrier waits of one process that returned (a broken barrier returns index -1)."""
    return tuple(m for m in result.moments_of(records.BARRIER_WAIT, pid=pid) if (m.get("index") or 0) >= 0)


def _not_passing(result: RunResult, workers: tuple[ProcessInfo, ...]) -> Message:
    passed_by_main = _passes(result, result.main.pid)
    if passed_by_main and not any(_passes(result, w.pid) for w in workers):
        return says.BARRIER_IN_MAIN_ONLY.found(
            pid=result.main.pid, barrier=_named(result, passed_by_main[0].get("barrier"))
        )
    missing = next(w for w in workers if not _passes(result, w.pid))
    return says.NO_BARRIER.found(label=missing.label)


def workers_passed_one_barrier(result: RunResult, workers: int) -> Message:
    """``workers`` children each passed one and the same Barrier, of at least one party per worker."""
    problem = created_children(result, workers)
    if problem is not None:
        return problem
    children = result.children_of(result.main)
    if not all(_passes(result, w.pid) for w in children):
        return _not_passing(result, children)
    passed = {str(_passes(result, w.pid)[0].get("barrier")): _passes(result, w.pid)[0] for w in children}
    if len(passed) > 1:
        names = ", ".join(_named(result, key) for key in list(passed)[:4])
        return says.BARRIER_PER_WORKER.found(count=len(passed), barriers=names, workers=workers)
    key, moment = next(iter(passed.items()))
    parties = int(moment.get("parties") or 0)
    if parties < workers:
        return says.BARRIER_TOO_SMALL.found(barrier=_named(result, key), parties=parties, workers=workers)
    return None


def phases_split_by_the_barrier(result: RunResult, first: str, second: str) -> Message:
    """Each worker logged its ``first`` phase line before waiting at the Barrier and its ``second``
    after passing it, and no ``second`` line came before any worker's ``first`` line."""
    children = result.children_of(result.main)
    if not children or not all(_passes(result, w.pid) for w in children):
        return _not_passing(result, children) if children else created_children(result, 1)
    for worker in children:
        problem = _phases_of(result, worker, first, second)
        if problem is not None:
            return problem
    return _no_overlap(result, first, second)


def _phases_of(result: RunResult, worker: ProcessInfo, first: str, second: str) -> Message:
    passed = _passes(result, worker.pid)[0]
    barrier = _named(result, passed.get("barrier"))
    for pattern, when in ((first, "after"), (second, "before")):
        lines = [e for e in logged_matching(result, pattern) if e.pid == worker.pid]
        if not lines:
            return says.PHASE_LINE_MISSING.found(label=worker.label, barrier=barrier, pattern=pattern)
        wrong = [
            e for e in lines if (e.time > passed.get("called") if when == "after" else e.time < passed.time)
        ]
        if wrong:
            return says.PHASE_OUT_OF_ORDER.found(
                label=worker.label, message=wrong[0].message, when=when, barrier=barrier
            )
    return None


def _no_overlap(result: RunResult, first: str, second: str) -> Message:
    last_first = max(logged_matching(result, first), key=lambda e: e.time)
    first_second = min(logged_matching(result, second), key=lambda e: e.time)
    if first_second.time >= last_first.time:
        return None
    labels = [result.process(e.pid) for e in (first_second, last_first)]
    return says.PHASE_OVERLAP.found(
        first_label=labels[0].label if labels[0] else first_second.pid,
        first=first_second.message,
        second_label=labels[1].label if labels[1] else last_first.pid,
        second=last_first.message,
    )
