"""Checks of slots behind a Semaphore: one shared by the workers, never more inside than it allows.

Read from the moments the tracer recorded (``records.LOCK_MADE``, ``LOCK_ACQUIRE``,
``LOCK_RELEASE``), in the process that made each one.  A recorded holding lies inside the real
one (an acquire is written after it succeeded, a release before it happens), so when the
records show three holders at once, three really were; the Semaphore's size is read from the
value it was made with, so a Semaphore(3) is caught even in a run where it never filled.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from pytest_mpkata.judge import slot_messages as says
from pytest_mpkata.judge.findings import Message
from pytest_mpkata.judge.log_checks import logged_matching
from pytest_mpkata.judge.picture_moments import object_labels
from pytest_mpkata.run import records
from pytest_mpkata.trace.model import RunResult

__all__ = [
    "SEMAPHORE_TYPES",
    "Holding",
    "holdings_of",
    "semaphore_released_once",
    "slots_filled",
    "work_inside_slot",
    "workers_shared_one_semaphore",
]

SEMAPHORE_TYPES = ("Semaphore", "BoundedSemaphore")
_LOCKS = (records.LOCK_ACQUIRE, records.LOCK_RELEASE)


@dataclass(frozen=True)
class Holding:
    """One process holding a primitive, from its acquire to its release (as recorded)."""

    pid: int
    lock: str
    start: float
    end: float


def holdings_of(result: RunResult, lock: str) -> list[Holding]:
    """Each acquire of ``lock`` paired with its process's next release (held to the end if none)."""
    held: dict[int, list[float]] = defaultdict(list)
    found = []
    for moment in result.moments_of(*_LOCKS):
        if moment.get("lock") != lock:
            continue
        if moment.kind == records.LOCK_ACQUIRE:
            held[moment.pid].append(moment.time)
        elif held[moment.pid]:
            found.append(Holding(moment.pid, lock, held[moment.pid].pop(0), moment.time))
    for pid, starts in held.items():
        found.extend(Holding(pid, lock, start, float("inf")) for start in starts)
    return sorted(found, key=lambda h: h.start)


def _maker(lock: str) -> int:
    return int(lock.split(":")[0])


def _label(result: RunResult, pid: int) -> str:
    process = result.process(pid)
    return process.label if process is not None else f"pid {pid}"


def _name(result: RunResult, lock: str) -> str:
    return object_labels(result.moments_of()).get(lock, "the Semaphore")


def _shared_lock(result: RunResult) -> str | None:
    """The primitive acquired by the most child processes (the slots), if a child acquired any."""
    children = {p.pid for p in result.processes if p.role == "child"}
    takers: dict[str, set[int]] = defaultdict(set)
    for moment in result.moments_of(records.LOCK_ACQUIRE):
        if moment.pid in children:
            takers[str(moment.get("lock"))].add(moment.pid)
    if not takers:
        return None
    return max(takers, key=lambda lock: len(takers[lock]))


def _made(result: RunResult, lock: str) -> tuple[str | None, int | None]:
    """The type and value ``lock`` was made with, as its maker recorded them."""
    for moment in result.moments_of(records.LOCK_MADE, pid=_maker(lock)):
        if moment.get("lock") == lock:
            return moment.get("type"), moment.get("value")
    return None, None


def workers_shared_one_semaphore(result: RunResult, workers: int, slots: int) -> Message:
    """``workers`` child processes acquired one ``Semaphore(slots)`` the main process made."""
    lock = _shared_lock(result)
    if lock is None:
        return _no_child_acquired(result, workers, slots)
    name = _name(result, lock)
    if _maker(lock) != result.main_pid:
        return says.SEMAPHORE_PER_WORKER.found(label=_label(result, _maker(lock)), lock=name)
    kind, value = _made(result, lock)
    if kind not in SEMAPHORE_TYPES:
        return says.LOCK_NOT_SEMAPHORE.found(lock=name, pid=result.main_pid, slots=slots)
    if value != slots:
        return says.WRONG_SLOT_COUNT.found(lock=name, value=value, slots=slots)
    takers = sorted({m.pid for m in result.moments_of(records.LOCK_ACQUIRE) if m.get("lock") == lock})
    takers = [pid for pid in takers if pid != result.main_pid]
    if len(takers) != workers:
        labels = ", ".join(_label(result, pid) for pid in takers)
        return says.TOO_FEW_WORKERS.found(count=len(takers), lock=name, labels=labels, workers=workers)
    return None


def _no_child_acquired(result: RunResult, workers: int, slots: int) -> Message:
    in_main = result.moments_of(records.LOCK_ACQUIRE, pid=result.main_pid)
    if in_main:
        lock = str(in_main[0].get("lock"))
        return says.ACQUIRED_ONLY_IN_MAIN.found(
            pid=result.main_pid, lock=_name(result, lock), workers=workers
        )
    return says.NO_SLOT_TAKEN.found(slots=slots)


def semaphore_released_once(result: RunResult) -> Message:
    """No process released a primitive it did not hold: one release per acquire, never before."""
    held: Counter[tuple[int, str]] = Counter()
    acquired: set[tuple[int, str]] = set()
    for moment in result.moments_of(*_LOCKS):
        key = (moment.pid, str(moment.get("lock")))
        if moment.kind == records.LOCK_ACQUIRE:
            held[key] += 1
            acquired.add(key)
        elif held[key]:
            held[key] -= 1
        else:
            template = says.RELEASED_TWICE if key in acquired else says.RELEASED_WITHOUT_ACQUIRE
            return template.found(label=_label(result, moment.pid), lock=_name(result, key[1]))
    return None


def _most_at_once(holdings: list[Holding]) -> list[int]:
    """The most processes holding at one moment (the start of a holding): a process that holds
    two slots at once still keeps the others out of them, so it counts once."""
    best: list[int] = []
    for holding in holdings:
        inside = list(dict.fromkeys(h.pid for h in holdings if h.start <= holding.start < h.end))
        if len(inside) > len(best):
            best = inside
    return best


def slots_filled(result: RunResult, slots: int) -> Message:
    """The workers' shared slots were all in use at some moment, and never more than that."""
    lock = _shared_lock(result)
    if lock is None:
        return says.NO_SLOT_TAKEN.found(slots=slots)
    name = _name(result, lock)
    if _maker(lock) != result.main_pid:
        return says.SEMAPHORE_PER_WORKER.found(label=_label(result, _maker(lock)), lock=name)
    most = _most_at_once(holdings_of(result, lock))
    if len(most) > slots:
        labels = ", ".join(_label(result, pid) for pid in most)
        return says.TOO_MANY_AT_ONCE.found(count=len(most), lock=name, labels=labels, slots=slots)
    if len(most) < slots:
        return says.NEVER_FULL.found(count=len(most), lock=name, slots=slots)
    return None


def work_inside_slot(result: RunResult, message_pattern: str) -> Message:
    """Every line matching ``message_pattern`` was logged by a process holding a slot (of the
    shared Semaphore, or of one it holds instead: whether it is shared is another check's)."""
    events = logged_matching(result, message_pattern)
    if not events:
        return says.WORK_NOT_LOGGED.found(pattern=message_pattern)
    locks = dict.fromkeys(str(m.get("lock")) for m in result.moments_of(records.LOCK_ACQUIRE))
    holdings = [holding for lock in locks for holding in holdings_of(result, lock)]
    for event in events:
        if not any(h.pid == event.pid and h.start <= event.time <= h.end for h in holdings):
            lock = _shared_lock(result)
            name = _name(result, lock) if lock is not None else "a Semaphore"
            message = re.sub(r"\s+", " ", event.message)[:80]
            return says.WORK_OUTSIDE_SLOT.found(label=_label(result, event.pid), message=message, lock=name)
    return None
