"""Finish the facts the builder gathered as it folded: test.log split into lines, and pools and
threads from the dictionaries their records filled in turn.

A pool's facts arrive over many records (made, given work, shut down, results received), as do a
thread's (begun, ended, joined): the builder keeps them in dictionaries while it folds, and these
functions make the frozen facts once every record is in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from pytest_mpkata.trace.facts import LogLine, PoolInfo, ThreadInfo, short_name

__all__ = ["LOG_LINE", "parse_log", "pool_infos", "thread_infos"]

LOG_LINE = re.compile(r"^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3}) ?(.*)$")
"""A line of ``%(asctime)s %(message)s``."""


def parse_log(text: str | None) -> tuple[LogLine, ...]:
    """Split test.log into lines of ``%(asctime)s %(message)s``."""
    if not text:
        return ()
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        match = LOG_LINE.match(raw)
        if match:
            lines.append(LogLine(number, raw, match.group(1), match.group(2)))
        else:
            lines.append(LogLine(number, raw, None, raw))
    return tuple(lines)


def pool_infos(pools: Mapping[str, Mapping[str, Any]]) -> tuple[PoolInfo, ...]:
    """Each pool's facts, by its key (``pid:id`` of the process that made it)."""
    return tuple(
        PoolInfo(
            key=key,
            kind=p["kind"],
            size=p["size"],
            owner=p["owner"],
            created=p["created"],
            workers=tuple(p["workers"]),
            calls=tuple(p["calls"]),
            shutdown_events=tuple(p["shutdown"]),
            received=tuple(p["received"]),
            received_errors=tuple(p["received_errors"]),
            received_at=tuple(p.get("received_at", ())),
            first_call_cpu=p.get("first_call_cpu"),
        )
        for key, p in pools.items()
    )


def thread_infos(threads: Iterable[Mapping[str, Any]]) -> tuple[ThreadInfo, ...]:
    """Each thread's facts, from its begin record and what later records added to it."""
    return tuple(
        ThreadInfo(
            pid=r["pid"],
            name=r.get("name", "?"),
            target=short_name(r.get("target")),
            args=r.get("args", ""),
            began=r["t"],
            ended=r.get("ended"),
            joined_at=r.get("joined_at"),
        )
        for r in threads
    )
