"""Checks of what processes pass each other: queues, pipes and a shared Value with its lock.

Pure functions from a ``RunResult`` to ``None`` (pass) or a message, like ``checks.py``, whose
helpers they share; kata authors import both through ``pytest_mpkata.checks``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from pytest_mpkata.judge import exchange_messages as says
from pytest_mpkata.judge.checks import created_children, label_of, no_children_evidence
from pytest_mpkata.judge.findings import Message
from pytest_mpkata.trace.facts import ProcessInfo
from pytest_mpkata.trace.model import RunResult

__all__ = [
    "child_doubled_each_number",
    "children_incremented_value",
    "one_sentinel_per_consumer",
    "pipe_carried",
    "pipe_ends_closed",
    "queue_consumers_worked",
    "queue_items_consumed_once",
    "results_came_back",
    "value_writes_held_lock",
]

# --- queues -------------------------------------------------------------------------------


def _work_queue(result: RunResult, items: Sequence[object]) -> str | None:
    """The queue the main process put the most of ``items`` on."""
    wanted = {repr(item) for item in items}
    counts = Counter(e.queue for e in result.queue_puts(result.main.pid) if e.item in wanted)
    return counts.most_common(1)[0][0] if counts else None


def _no_queue(result: RunResult) -> str:
    evidence = ""
    if result.pipe_events:
        evidence = " (you used a Pipe)"
    elif not result.children_of(result.main):
        evidence = f" ({no_children_evidence(result)})"
    return says.NO_QUEUE.found(evidence=evidence)


def queue_items_consumed_once(result: RunResult, items: Sequence[object]) -> Message:
    """The main process put each item on a queue once, and a child took each exactly once."""
    queue = _work_queue(result, items)
    if queue is None:
        return _no_queue(result)
    put = {e.item for e in result.queue_puts(result.main.pid) if e.queue == queue}
    missing = [repr(item) for item in items if repr(item) not in put]
    if missing:
        shown = f", {items[0]} to {items[-1]}," if _consecutive(items) else ""
        return says.ITEMS_NOT_PUT.found(missing=", ".join(missing[:6]), count=len(items), items=shown)
    return _each_taken_once(result, queue, items)


def _consecutive(items: Sequence[object]) -> bool:
    numbers = [item for item in items if isinstance(item, int)]
    return len(numbers) == len(items) > 1 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _each_taken_once(result: RunResult, queue: str, items: Sequence[object]) -> Message:
    gets = [e for e in result.queue_gets() if e.queue == queue]
    by_main = [e.item for e in gets if e.pid == result.main.pid and not e.is_sentinel]
    if by_main:
        return says.ITEM_TAKEN_BY_MAIN.found(pid=result.main.pid, items=", ".join(by_main[:6]))
    untaken = [repr(item) for item in items if repr(item) not in {e.item for e in gets}]
    if untaken:
        return says.ITEM_NOT_TAKEN.found(items=", ".join(untaken[:6]))
    for item in items:
        takers = [e.pid for e in gets if e.item == repr(item)]
        if len(takers) > 1:
            labels = ", ".join(label_of(result, pid) for pid in takers[:4])
            return says.ITEM_TAKEN_TWICE.found(item=item, count=len(takers), labels=labels)
    return None


def queue_consumers_worked(result: RunResult, items: Sequence[object], expected: int) -> Message:
    """``expected`` distinct child processes each took at least one item (not a sentinel)."""
    queue = _work_queue(result, items)
    if queue is None:
        return _no_queue(result)
    consumers = _consumers(result, queue)
    worked = {e.pid for e in result.queue_gets() if e.queue == queue and not e.is_sentinel}
    busy = [p for p in consumers if p.pid in worked]
    if len(busy) >= expected:
        return None
    return says.TOO_FEW_CONSUMERS_WORKED.found(
        worked=len(busy),
        consumers=len(consumers),
        labels=", ".join(p.label for p in busy[:4]) or "none",
        expected=expected,
    )


def _consumers(result: RunResult, queue: str) -> list[ProcessInfo]:
    pids = {e.pid for e in result.queue_gets() if e.queue == queue}
    return [p for p in result.children_of(result.main) if p.pid in pids]


def one_sentinel_per_consumer(result: RunResult, items: Sequence[object], consumers: int) -> Message:
    """The parent put one ``None`` per consumer, and each consumer stopped on taking its own."""
    queue = _work_queue(result, items)
    if queue is None:
        return _no_queue(result)
    sentinels = [e for e in result.queue_puts(result.main.pid) if e.queue == queue and e.is_sentinel]
    if len(sentinels) != consumers:
        return says.SENTINELS_WRONG.found(sentinels=len(sentinels), consumers=consumers)
    for consumer in _consumers(result, queue):
        taken = [e for e in result.queue_gets(consumer.pid) if e.queue == queue]
        if not taken or not taken[-1].is_sentinel:
            items_taken = ", ".join(e.item for e in taken[:6]) or "nothing"
            return says.CONSUMER_NOT_STOPPED_BY_SENTINEL.found(label=consumer.label, items=items_taken)
    return None


def results_came_back(result: RunResult, results: Sequence[object]) -> Message:
    """The main process took each of ``results`` from a queue that a child put it on."""
    children = {p.pid for p in result.children_of(result.main)}
    from_children = {(e.queue, e.item) for e in result.queue_puts() if e.pid in children}
    taken = [e for e in result.queue_gets(result.main.pid) if (e.queue, e.item) in from_children]
    got = Counter(e.item for e in taken)
    if all(got[repr(value)] >= 1 for value in results):
        return None
    shown = ", ".join(e.item for e in taken[:6]) or "nothing from them"
    return says.RESULTS_NOT_FROM_CONSUMERS.found(count=len(results), taken=shown)


# --- pipes --------------------------------------------------------------------------------


def _no_pipe(result: RunResult) -> str:
    if result.queue_events:
        evidence = " (you used a Queue)"
    elif not result.children_of(result.main):
        evidence = f" ({no_children_evidence(result)})"
    else:
        evidence = ""
    return says.NO_PIPE.found(evidence=evidence)


def pipe_carried(result: RunResult, numbers: Sequence[object], replies: Sequence[object]) -> Message:
    """Each number went parent -> child over a pipe, and each reply child -> parent."""
    if not result.pipe_events:
        return _no_pipe(result)
    children = {p.pid for p in result.children_of(result.main)}
    main = {result.main.pid}
    return _crossed(result, main, children, numbers, ("parent", "child"), says.PIPE_SEND_FIX) or (
        _crossed(result, children, main, replies, ("child", "parent"), says.PIPE_REPLY_FIX)
    )


def _crossed(
    result: RunResult,
    senders: set[int],
    receivers: set[int],
    items: Sequence[object],
    who: tuple[str, str],
    fix: str,
) -> Message:
    sends = [e for e in result.pipe_sends() if e.pid in senders]
    unsent = [repr(item) for item in items if repr(item) not in {e.item for e in sends}]
    if unsent:
        return says.PIPE_NEVER_SENT.found(sender=who[0], items=", ".join(unsent), fix=fix)
    for item in items:
        send = next(e for e in sends if e.item == repr(item))
        if result.received_from(send, receivers) is None:
            return says.PIPE_NOT_DELIVERED.found(sender=who[0], item=item, receiver=who[1], fix=fix)
    return None


def child_doubled_each_number(result: RunResult) -> Message:
    """Each reply a child sent is twice the number it received just before."""
    for child in result.children_of(result.main):
        received = [e for e in result.pipe_receives(child.pid) if e.item.lstrip("-").isdigit()]
        for reply in (e for e in result.pipe_sends(child.pid) if e.item.lstrip("-").isdigit()):
            before = [e for e in received if e.time <= reply.time]
            number = before[-1].item if before else "nothing"
            if not before or int(reply.item) != 2 * int(number):
                return says.REPLY_NOT_DOUBLED.found(reply=reply.item, number=number)
    return None


def pipe_ends_closed(result: RunResult) -> Message:
    """The parent and each child closed every pipe end they sent or received on."""
    closed = result.pipe_ends_closed()
    for pid, pipe, end in sorted(result.pipe_ends_used()):
        if (pid, pipe, end) not in closed:
            return says.PIPE_END_NOT_CLOSED.found(label=label_of(result, pid))
    return None


# --- a shared Value -----------------------------------------------------------------------


def children_incremented_value(result: RunResult, children: int, per_child: int) -> Message:
    """Each of ``children`` children wrote the shared Value ``per_child`` times; the parent never."""
    problem = created_children(result, children)
    if problem:
        return problem
    main_writes = result.value_writes_by(result.main.pid)
    if main_writes:
        return says.PARENT_WROTE_VALUE.found(label=result.main.label, writes=main_writes)
    kids = result.children_of(result.main)
    if not any(result.value_writes_by(p.pid) for p in kids):
        return says.NO_VALUE_WRITES.found(evidence=_value_evidence(kids))
    for child in kids:
        writes = result.value_writes_by(child.pid)
        if writes != per_child:
            facts = {"label": child.label, "writes": writes, "children": children, "expected": per_child}
            return says.WRONG_VALUE_WRITES.found(**facts)
    return None


def _value_evidence(children: Sequence[ProcessInfo]) -> str:
    kinds = {shared.kind for child in children for shared in child.shared_before}
    if "RawValue" in kinds:
        return " (they received a `RawValue`, which has no lock)"
    return f" (they received {children[0].args})" if children else ""


def value_writes_held_lock(result: RunResult) -> Message:
    """Every write to a shared Value held its lock; else explain the lost-update race in this run."""
    unlocked = [w for w in result.value_writes if w.unlocked]
    if not unlocked:
        return None
    labels = ", ".join(f"{label_of(result, w.pid)}: {w.unlocked}" for w in unlocked[:4])
    writes = sum(w.writes for w in result.value_writes)
    return says.UNLOCKED_WRITES.found(
        unlocked=sum(w.unlocked for w in unlocked),
        writes=writes,
        labels=labels,
        outcome=_lost_updates(result, writes),
    )


def _lost_updates(result: RunResult, writes: int) -> str:
    final = result.last_value_written
    overwrites = [w for w in result.value_writes if w.first_overwrite]
    if not isinstance(final, int) or final >= writes or not overwrites:
        return says.UPDATES_LUCKY
    old, new = overwrites[0].first_overwrite or ("?", "?")
    overwrote = sum(w.overwrote for w in result.value_writes)
    facts = {"lost": writes - final, "writes": writes, "final": final, "overwrote": overwrote}
    return says.UPDATES_LOST.found(old=old, new=new, **facts)
