"""Read the picture of a run back into lanes, for the HTML report's SVG timeline.

The grade book keeps each run's picture as the text ``judge.picture`` drew (grades.json
carries nothing else about the run), so this module reads the process table of that text:
one lane per process row (where it started and ended on the run's time axis, its exit code),
one group row per pool, and how many test.log lines each process wrote.  A picture without a
process table (the program never ran) gives no timeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from pytest_mpkata.judge.picture_tree import AXIS_TITLE, BAR, BAR_WIDTH, BRANCH, INDENT, LABEL_WIDTH, NO_END

__all__ = ["Lane", "Timeline", "read_timeline"]

_ROW = re.compile(rf"^(?P<label>.{{{LABEL_WIDTH}}})\|(?P<bar>.{{{BAR_WIDTH}}})\| ?(?P<exit>.*)$")
_AXIS_END = re.compile(r"(?P<span>\d+(?:\.\d+)?) (?P<unit>ms|s)\s*$")
_PID = re.compile(r"(?<![\w.-])(\d+)(?![\w.])")
_LOG_HEADER = re.compile(r"^test\.log, \d+ lines?, and who wrote each:$")
_LOG_LINE = re.compile(r"^\s*\d+ (?P<writer>.+?)\s{2,}")
MAX_LOG_LINES_READ = 50


@dataclass(frozen=True)
class Lane:
    """One row of the timeline: a process with its lifetime, or a pool heading its workers."""

    label: str
    depth: int
    start: Optional[float] = None
    """Where it started, as a share of the time axis (0 to 1); None for a pool or an unknown start."""
    end: Optional[float] = None
    running: bool = False
    """No end was recorded: still running when the run stopped, or killed."""
    exit: str = ""
    pid: Optional[int] = None
    log_lines: int = 0

    @property
    def failed(self) -> bool:
        return self.exit not in ("", "0")


@dataclass(frozen=True)
class Timeline:
    """The lanes of one run, the length of its time axis, and the picture's headline."""

    headline: str
    span: str
    lanes: tuple[Lane, ...]


def read_timeline(picture: str) -> Optional[Timeline]:
    """The timeline a picture's process table draws, or None when it has none."""
    lines = picture.splitlines()
    axis = next((index for index, line in enumerate(lines) if line.startswith(AXIS_TITLE)), None)
    if axis is None:
        return None
    span = _AXIS_END.search(lines[axis].split("|")[1]) if lines[axis].count("|") >= 2 else None
    lanes = [lane for lane in map(_lane, _table_rows(lines[axis + 1 :])) if lane is not None]
    if not lanes:
        return None
    logs = _log_lines_by_pid(lines)
    lanes = [_with_logs(lane, logs) for lane in lanes]
    headline = " ".join(line.strip() for line in lines[:axis])
    return Timeline(headline, f"{span['span']} {span['unit']}" if span else "", tuple(lanes))


def _table_rows(lines: list[str]) -> list[str]:
    """The rows right under the axis: the table ends at the first line that is no row of it."""
    rows = []
    for line in lines:
        if not (_ROW.match(line) or line.startswith((INDENT, BRANCH))):
            break
        rows.append(line)
    return rows


def _depth_of(label: str) -> tuple[int, str]:
    """How deep a row sits in the tree, and its label without the tree's drawing."""
    depth, rest = 0, label
    while rest.startswith(INDENT):
        depth, rest = depth + 1, rest[len(INDENT) :]
    if rest.startswith(BRANCH):
        return depth + 1, rest[len(BRANCH) :]
    return depth, rest


def _lane(row: str) -> Optional[Lane]:
    match = _ROW.match(row)
    if match is None:
        depth, label = _depth_of(row.rstrip())
        return Lane(label=label, depth=depth) if label else None
    depth, label = _depth_of(match["label"].rstrip())
    bar = match["bar"]
    filled = [index for index, char in enumerate(bar) if char in (BAR, NO_END)]
    start = filled[0] / BAR_WIDTH if filled else None
    end = (filled[-1] + 1) / BAR_WIDTH if filled else None
    pid = _PID.search(label)
    return Lane(
        label=label,
        depth=depth,
        start=start,
        end=end,
        running=bar.rstrip().endswith(NO_END),
        exit=match["exit"].strip(),
        pid=int(pid.group(1)) if pid else None,
    )


def _log_lines_by_pid(lines: list[str]) -> dict[int, int]:
    """How many of the listed test.log lines each pid wrote."""
    start = next((index for index, line in enumerate(lines) if _LOG_HEADER.match(line)), None)
    counts: dict[int, int] = {}
    if start is None:
        return counts
    for line in lines[start + 1 : start + 1 + MAX_LOG_LINES_READ]:
        writer = _LOG_LINE.match(line)
        pid = _PID.findall(writer["writer"]) if writer else []
        if pid:
            counts[int(pid[-1])] = counts.get(int(pid[-1]), 0) + 1
    return counts


def _with_logs(lane: Lane, logs: dict[int, int]) -> Lane:
    if lane.pid is None or lane.pid not in logs:
        return lane
    return Lane(**{**lane.__dict__, "log_lines": logs[lane.pid]})
