"""Checks of a ``multiprocessing.shared_memory`` block: who attached, who wrote which slice, who
closed and unlinked it.

A write through ``block.buf`` runs no Python code the tracer could patch, so what each process
wrote is read from the block itself: the tracer copies its bytes as a process attaches and as
it lets go (``records.SHM_ATTACH``, ``SHM_CLOSE``).  A slice that changed in that window changed
while that process held the block; a slice that holds data no child's window saw appear was
written by the parent.  Every record is stamped by the kernel with its sender.
"""

from __future__ import annotations

from pytest_mpkata.judge import shm_messages as says
from pytest_mpkata.judge.checks import created_children, label_of
from pytest_mpkata.judge.findings import Message
from pytest_mpkata.run import records
from pytest_mpkata.trace.facts import Moment, ProcessInfo
from pytest_mpkata.trace.model import RunResult

__all__ = ["block_closed_and_unlinked_by_parent", "children_wrote_their_slices"]


def _slices(contents: object, size: int) -> list[bytes]:
    data = bytes.fromhex(contents) if isinstance(contents, str) else b""
    return [data[start : start + size] for start in range(0, len(data), size)]


def _parent_blocks(result: RunResult) -> set[str]:
    return {str(m.get("block")) for m in result.moments_of(records.SHM_CREATE, pid=result.main.pid)}


def _window(result: RunResult, pid: int, blocks: set[str]) -> tuple[Moment, Moment] | None:
    """The child's first attach to one of ``blocks`` and what the block held as it let go."""
    attach = next(
        (m for m in result.moments_of(records.SHM_ATTACH, pid=pid) if m.get("block") in blocks), None
    )
    if attach is None:
        return None
    closes = [
        m for m in result.moments_of(records.SHM_CLOSE, pid=pid) if m.get("block") == attach.get("block")
    ]
    return (attach, closes[0]) if closes else None


def _changed(window: tuple[Moment, Moment], size: int) -> set[int]:
    before, after = _slices(window[0].get("contents"), size), _slices(window[1].get("contents"), size)
    return {k for k, (old, new) in enumerate(zip(before, after)) if old != new}


def _block_problem(result: RunResult, kids: tuple[ProcessInfo, ...]) -> Message:
    for child in kids:
        own = result.moments_of(records.SHM_CREATE, pid=child.pid)
        if own:
            return says.CHILD_CREATED_BLOCK.found(label=child.label, block=own[0].get("block"))
    if not _parent_blocks(result):
        return says.NO_BLOCK.found(label=result.main.label)
    return None


def children_wrote_their_slices(result: RunResult, children: int, slice_size: int) -> Message:
    """``children`` children attached to the parent's block by name, each changed a slice of
    ``slice_size`` bytes while it held it, and together every slice; the parent wrote none."""
    kids = result.children_of(result.main)
    problem = created_children(result, children) or _block_problem(result, kids)
    if problem:
        return problem
    blocks = _parent_blocks(result)
    block = ", ".join(sorted(blocks))
    changed: dict[int, set[int]] = {}
    for child in kids:
        window = _window(result, child.pid, blocks)
        if window is None:
            return says.NOT_ATTACHED.found(label=child.label, block=block)
        changed[child.pid] = _changed(window, slice_size)
    written = set().union(*changed.values())
    problem = _parent_wrote(result, blocks, written, slice_size)
    if problem:
        return problem
    for child in kids:
        if not changed[child.pid]:
            return says.CHILD_WROTE_NOTHING.found(label=child.label, block=block)
    return _every_slice(written, children, slice_size)


def _parent_wrote(result: RunResult, blocks: set[str], written: set[int], size: int) -> Message:
    """Slices that hold data when the parent let go of the block, which no child's window saw change."""
    closes = [
        m for m in result.moments_of(records.SHM_CLOSE, pid=result.main.pid) if m.get("block") in blocks
    ]
    if not closes:
        return None
    held = {k for k, data in enumerate(_slices(closes[-1].get("contents"), size)) if any(data)}
    by_parent = sorted(held - written)
    if not by_parent:
        return None
    return says.PARENT_WROTE_SLICES.found(slices=", ".join(map(str, by_parent)), label=result.main.label)


def _every_slice(written: set[int], children: int, size: int) -> Message:
    for k in range(children):
        if k not in written:
            shown = ", ".join(map(str, sorted(written))) or "none"
            return says.SLICE_UNWRITTEN.found(slice=k, start=k * size, end=(k + 1) * size - 1, written=shown)
    return None


def block_closed_and_unlinked_by_parent(result: RunResult) -> Message:
    """No child unlinked the parent's block; the parent closed it after joining every child, then
    unlinked it."""
    blocks = _parent_blocks(result)
    if not blocks:
        return _block_problem(result, result.children_of(result.main))
    block = ", ".join(sorted(blocks))
    unlinks = [m for m in result.moments_of(records.SHM_UNLINK) if m.get("block") in blocks]
    for unlink in unlinks:
        if unlink.pid != result.main.pid:
            return says.UNLINKED_BY_CHILD.found(label=label_of(result, unlink.pid), block=unlink.get("block"))
    closes = [
        m
        for m in result.moments_of(records.SHM_CLOSE, pid=result.main.pid)
        if m.get("block") in blocks and not m.get("at_exit")
    ]
    if not closes:
        return says.PARENT_NOT_CLOSED.found(label=result.main.label, block=block)
    unjoined = [p for p in result.children_of(result.main) if (p.joined_at or float("inf")) > closes[-1].time]
    if unjoined:
        return says.CLOSED_BEFORE_JOIN.found(block=block, child=unjoined[0].label)
    if not any(not u.get("error") for u in unlinks):
        return says.BLOCK_NOT_UNLINKED.found(label=result.main.label, block=block, left=_left(result, blocks))
    return None


def _left(result: RunResult, blocks: set[str]) -> str:
    """What became of a block nobody unlinked: the grader found it, or the resource tracker did."""
    if blocks & set(result.blocks_left):
        return says.LEFT_IN_DEV_SHM
    if says.TRACKER_WARNING in result.stderr:
        return says.LEFT_TO_THE_TRACKER
    return ""
