"""The picture's section on synchronisation: who set, waited on, passed, acquired, released what.

Drawn from the schema alone: each moment kind of ``records.MOMENTS`` carries the phrase that
tells it ("waited on {event}"), and the field naming the object reads as the object's kind and
number in this run ("Event 1", "Semaphore 2").  A kind added to ``MOMENTS`` appears here with
no code of its own.  A wait begun (``records.WAITS_BEGUN``) is told only when it never returned:
"still waiting on Event 1" is what a hung run's picture must show.  Nothing when the program
used no traced primitive.
"""

from __future__ import annotations

from collections import Counter

from pytest_mpkata.judge.picture_exchanges import Who
from pytest_mpkata.run import records
from pytest_mpkata.trace.facts import Moment
from pytest_mpkata.trace.model import RunResult

__all__ = ["MAX_LINES", "TITLE", "moments_section", "object_labels"]

TITLE = "synchronisation:"
MAX_LINES = 12


def object_labels(moments: tuple[Moment, ...]) -> dict[str, str]:
    """Each primitive's key -> its name in this run: its kind and a number by first use."""
    labels: dict[str, str] = {}
    numbers: Counter[str] = Counter()
    for moment in moments:
        for field in records.MOMENT_OBJECT_FIELDS:
            key = moment.get(field)
            if key is None or key in labels:
                continue
            kind = str(moment.get("type") or field.capitalize())
            numbers[kind] += 1
            labels[str(key)] = f"{kind} {numbers[kind]}"
    return labels


def _phrase(moment: Moment, labels: dict[str, str]) -> str:
    values = {name: labels.get(str(value), value) for name, value in moment.fields}
    try:
        return records.MOMENTS[moment.kind].format(**values)
    except (KeyError, IndexError, ValueError):
        return moment.kind


def _open_waits_only(moments: tuple[Moment, ...]) -> list[Moment]:
    """The moments without each begun wait that returned (``records.WAITS_BEGUN``)."""
    begun: dict[tuple[int, str | None, str], list[Moment]] = {}
    kept = []
    for moment in moments:
        if moment.kind in records.WAITS_BEGUN:
            begun.setdefault((moment.pid, moment.thread, records.WAITS_BEGUN[moment.kind]), []).append(moment)
            continue
        waiting = begun.get((moment.pid, moment.thread, moment.kind))
        if waiting:
            waiting.pop()
        kept.append(moment)
    return sorted([*kept, *(m for waits in begun.values() for m in waits)], key=lambda m: m.time)


def moments_section(result: RunResult, who: Who) -> list[str]:
    """One line per process: what it did with each primitive, with counts; nothing if none."""
    every = result.moments_of()
    if not every:
        return []
    labels = object_labels(every)
    moments = _open_waits_only(every)
    lines = []
    for pid in dict.fromkeys(moment.pid for moment in moments if records.MOMENTS[moment.kind]):
        said = Counter(_phrase(moment, labels) for moment in moments if moment.pid == pid)
        del said[""]
        phrases = [phrase if count == 1 else f"{phrase} x{count}" for phrase, count in said.items()]
        lines.append(f"  {who(pid)}: {', '.join(phrases)}")
    extra = [f"  ... {len(lines) - MAX_LINES} more"] if len(lines) > MAX_LINES else []
    return [TITLE, *lines[:MAX_LINES], *extra]
