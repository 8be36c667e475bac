"""Checks of a producer child and a parent that drains its queue before joining it.

They rest on the tracer's records of the queue the program made (each put and get, with the
length of a bytes item) and of the parent's join (when it was called, and that it returned with
the child's exit code): never on the program's text.  The deadlock itself, a run that never
ended, is told by ``ran_cleanly`` through ``judge/waits.py``.
"""

from __future__ import annotations

from pytest_mpkata.judge import deadlock_messages as says
from pytest_mpkata.judge.checks import all_joined, created_children
from pytest_mpkata.judge.findings import Message
from pytest_mpkata.trace.facts import ProcessInfo, QueueEvent
from pytest_mpkata.trace.model import RunResult

__all__ = ["joined_after_draining", "queue_items_all_received"]


def _produced(result: RunResult) -> tuple[ProcessInfo, str, list[QueueEvent]] | None:
    """The first child that put items on a queue, that queue's key and its events."""
    for child in result.children_of(result.main):
        puts = [e for e in result.queue_events if e.pid == child.pid and e.action == "put"]
        if puts:
            queue = puts[0].queue
            return child, queue, [e for e in result.queue_events if e.queue == queue]
    return None


def _queue_name(result: RunResult, queue: str) -> str:
    """A queue as the picture numbers it: in the order the run first used each one."""
    order = list(dict.fromkeys(e.queue for e in result.queue_events))
    return f"Queue {order.index(queue) + 1}"


def queue_items_all_received(result: RunResult, items: int, size: int) -> Message:
    """One child put ``items`` blocks of ``size`` bytes on a queue, and the parent got every one."""
    problem = created_children(result, 1)
    if problem:
        return problem
    produced = _produced(result)
    if produced is None:
        kids = result.children_of(result.main)
        evidence = f" (it received {kids[0].args})" if kids and kids[0].args else ""
        return says.NO_ITEMS_PUT.found(items=items, evidence=evidence)
    child, queue, events = produced
    puts = [e for e in events if e.action == "put" and e.pid == child.pid]
    blocks = [e for e in puts if not e.is_sentinel]
    small = [e for e in blocks if (e.size or 0) < size]
    name = _queue_name(result, queue)
    if small:
        smallest = min(e.size or 0 for e in small)
        return says.ITEMS_TOO_SMALL.found(
            child=child.label, count=len(small), smallest=smallest, queue=name, size=size
        )
    if len(blocks) < items:
        return says.TOO_FEW_BLOCKS.found(child=child.label, count=len(blocks), queue=name, items=items)
    got = [e for e in events if e.action == "get" and e.pid == result.main.pid]
    if len(got) < len(puts):
        return says.NOT_ALL_RECEIVED.found(
            child=child.label,
            put=len(puts),
            queue=name,
            parent=result.main.label,
            got=len(got),
        )
    return None


def joined_after_draining(result: RunResult) -> Message:
    """The parent joined the producing child, and called join() after its last get()."""
    produced = _produced(result)
    if produced is None:
        return queue_items_all_received(result, 1, 0)
    child, queue, events = produced
    problem = all_joined(result, [child])
    if problem:
        return problem
    gets = [e.time for e in events if e.action == "get" and e.pid == result.main.pid]
    if gets and child.joined_at is not None and child.joined_at < max(gets):
        return says.JOINED_BEFORE_DRAINING.found(
            parent=result.main.label, child=child.label, queue=_queue_name(result, queue)
        )
    return None
