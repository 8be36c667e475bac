"""The picture's section on what processes passed each other: queues, pipes, a shared Value.

Under each queue, a line per process (how many items and sentinels it put or took); under each
pipe, a line per process and end (its sends, its receives, whether it closed the end); a line per
process that wrote a shared Value (its writes, how many without the Value's lock). Nothing when
the program used none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from pytest_mpkata.trace.model import RunResult

__all__ = ["MAX_LINES", "TITLE", "Who", "exchanges_section"]

TITLE = "queues, pipes and shared values:"
MAX_LINES = 16

Who = Callable[[int], str]


def exchanges_section(result: RunResult, who: Who) -> list[str]:
    """The section's lines, or none when no queue, pipe or shared Value was used."""
    lines = _queue_lines(result, who) + _pipe_lines(result, who) + _value_lines(result, who)
    if result.messages_dropped:
        lines.append(f"  ... {result.messages_dropped} more puts, gets, sends and receives not recorded")
    if not lines:
        return []
    return [TITLE, *lines[:MAX_LINES]] + (
        [f"  ... {len(lines) - MAX_LINES} more"] if len(lines) > MAX_LINES else []
    )


def _items(count: int, sentinels: int) -> str:
    text = f"{count} item{'s' if count != 1 else ''}"
    return text + (f" + {sentinels} None" if sentinels else "")


def _queue_lines(result: RunResult, who: Who) -> list[str]:
    lines = []
    for number, queue in enumerate(dict.fromkeys(e.queue for e in result.queue_events), start=1):
        events = [e for e in result.queue_events if e.queue == queue]
        sides = []
        for action, verb in (("put", "put"), ("get", "took")):
            mine = [e for e in events if e.action == action]
            counts = Counter(e.pid for e in mine)
            for pid in counts:
                sentinels = sum(1 for e in mine if e.pid == pid and e.is_sentinel)
                sides.append(f"{who(pid)} {verb} {_items(counts[pid] - sentinels, sentinels)}")
        lines += [f"queue {number}:", *(f"  {side}" for side in sides)]
    return lines


def _pipe_lines(result: RunResult, who: Who) -> list[str]:
    lines = []
    for number, pipe in enumerate(dict.fromkeys(e.pipe for e in result.pipe_events), start=1):
        events = [e for e in result.pipe_events if e.pipe == pipe]
        sides = []
        for pid, end in dict.fromkeys((e.pid, e.end) for e in events):
            mine = [e for e in events if e.pid == pid and e.end == end]
            sent = sum(1 for e in mine if e.action == "send")
            got = sum(1 for e in mine if e.action == "recv")
            closed = ", closed" if any(e.action == "close" for e in mine) else ", not closed"
            sides.append(f"{who(pid)} end {end}: sent {sent}, received {got}{closed}")
        lines += [f"pipe {number}:", *(f"  {side}" for side in sides)]
    return lines


def _value_lines(result: RunResult, who: Who) -> list[str]:
    lines = []
    for writes in result.value_writes:
        unlocked = f", {writes.unlocked} without its lock" if writes.unlocked else ", all under its lock"
        lines.append(f"Value: {who(writes.pid)} wrote it {writes.writes} times{unlocked}")
    return lines
