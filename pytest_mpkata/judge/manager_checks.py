"""Checks of a ``multiprocessing.Manager()`` dict: who wrote into it, and when the parent read it.

Each call through a proxy is recorded in the process that made it (``records.PROXY_WRITE``,
``PROXY_READ``), stamped by the kernel with its sender, so a write the parent made for its
children, or a read made before the children were joined, shows whatever the log says.  The
manager's server records each write it receives with the pid the kernel gives for the connection
(``records.PROXY_SERVED``): a write counts only when the server confirms it came from its writer.  The
manager's own server is a helper of multiprocessing's (``trace.facts.HELPER_TARGETS``), never one
of the program's children.
"""

from __future__ import annotations

from collections.abc import Sequence

from pytest_mpkata.judge import manager_messages as says
from pytest_mpkata.judge.checks import all_joined, created_children, label_of
from pytest_mpkata.judge.findings import Message
from pytest_mpkata.run import records
from pytest_mpkata.trace.facts import Moment
from pytest_mpkata.trace.model import RunResult

__all__ = ["children_wrote_manager_dict", "parent_read_after_joining"]


def _manager_gone(result: RunResult) -> Message:
    """A call through a proxy failed: the manager's server was no longer there to answer it."""
    for call in result.moments_of(records.PROXY_WRITE, records.PROXY_READ):
        if call.get("error"):
            facts = {"method": call.get("method"), "error": call.get("error")}
            return says.MANAGER_GONE.found(label=label_of(result, call.pid), **facts)
    return None


def _claimed(result: RunResult, pid: int | None = None) -> tuple[Moment, ...]:
    return tuple(w for w in result.moments_of(records.PROXY_WRITE, pid=pid) if not w.get("error"))


def _writes(result: RunResult, pid: int | None = None) -> tuple[Moment, ...]:
    """Writes the manager's server received from the process that claims them (the kernel names
    the process at the other end of each of its connections); every claimed write when records
    were dropped past ``records.MESSAGES_LIMIT``, since the server's may be among them."""
    claimed = _claimed(result, pid)
    if result.messages_dropped:
        return claimed
    served = {(m.get("peer"), m.get("proxy"), m.get("key")) for m in result.moments_of(records.PROXY_SERVED)}
    return tuple(w for w in claimed if (w.pid, w.get("proxy"), w.get("key")) in served)


def _unconfirmed(result: RunResult) -> Message:
    confirmed = set(_writes(result))
    for claimed in _claimed(result):
        if claimed not in confirmed:
            label = label_of(result, claimed.pid)
            return says.WRITE_NOT_SERVED.found(label=label, key=claimed.get("key"), pid=claimed.pid)
    return None


def children_wrote_manager_dict(result: RunResult, children: int, keys: Sequence[object]) -> Message:
    """``children`` children each stored a result in a manager's dict, together every one of
    ``keys``; the parent stored none."""
    problem = created_children(result, children) or _manager_gone(result) or _unconfirmed(result)
    if problem:
        return problem
    kids = result.children_of(result.main)
    if not _writes(result):
        return says.PLAIN_DICT.found(labels=", ".join(p.label for p in kids[:6]))
    by_parent = _writes(result, result.main.pid)
    if by_parent:
        shown = ", ".join(str(w.get("key")) for w in by_parent[:4])
        return says.PARENT_WROTE_PROXY.found(label=result.main.label, keys=shown)
    written = {str(w.get("key")) for w in _writes(result)}
    shown = ", ".join(sorted(written)[:6])
    for child in kids:
        if not _writes(result, child.pid):
            writers = ", ".join(sorted({label_of(result, w.pid) for w in _writes(result)})[:4])
            return says.CHILD_WROTE_NOTHING.found(label=child.label, written=shown, writers=writers)
    for key in keys:
        if repr(key) not in written:
            return says.KEY_NOT_WRITTEN.found(key=repr(key), written=shown)
    return None


def parent_read_after_joining(result: RunResult) -> Message:
    """The parent read the dict its children wrote into after it had joined every child."""
    problem = _manager_gone(result)
    if problem:
        return problem
    kids = result.children_of(result.main)
    problem = all_joined(result, kids)
    if problem:
        return problem
    written = {w.get("proxy") for w in _writes(result) if w.pid != result.main.pid}
    reads = [
        r
        for r in result.moments_of(records.PROXY_READ, pid=result.main.pid)
        if r.get("proxy") in written and not r.get("error")
    ]
    if not reads:
        return says.NEVER_READ.found(label=result.main.label)
    last_join = max(kids, key=lambda p: p.joined_at or 0.0)
    if any(r.time >= (last_join.joined_at or 0.0) for r in reads):
        return None
    return says.READ_BEFORE_JOIN.found(method=f"`{reads[-1].get('method')}()`", child=last_join.label)
