"""The picture's tree: processes, pools and threads, who started whom, and when each lived.

One row per process, pool or thread, indented under its parent, with a bar on a time axis
shared by every row and the exit code; capped at ``MAX_ROWS`` rows, chosen breadth-first.
"""

from __future__ import annotations

import math
from collections import Counter, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pytest_mpkata.judge.picture_text import call, exit_text, fit, seconds
from pytest_mpkata.trace.facts import HELPER_TARGETS, PoolInfo, ProcessInfo, ThreadInfo
from pytest_mpkata.trace.model import RunResult

__all__ = [
    "AXIS_TITLE",
    "BAR",
    "BAR_WIDTH",
    "BRANCH",
    "HELPER_KINDS",
    "INDENT",
    "LABEL_WIDTH",
    "MAX_DEPTH",
    "MAX_ROWS",
    "NO_END",
    "NO_END_LEGEND",
    "SHUTDOWN_WORDS",
    "tree_section",
]

LABEL_WIDTH = 38
BAR_WIDTH = 22
MAX_ROWS = 12
MAX_DEPTH = 6
BAR = "="
NO_END = ">"
INDENT = "|  "
BRANCH = "+- "
NO_END_LEGEND = "> no end recorded: still running when the run stopped, or killed"
HELPER_KINDS = (
    ("resource_tracker", "resource tracker"),
    ("forkserver", "forkserver"),
    ("semaphore_tracker", "semaphore tracker"),
)
SHUTDOWN_WORDS = {
    "context_manager": "with-block",
    "close_join": "close()+join()",
    "terminate": "terminate()",
    "shutdown": "shutdown()",
    "close_only": "close(), no join()",
    "never": "never shut down",
}
AXIS_TITLE = "process pid target(args)"


@dataclass
class _Node:
    """One row of the tree: a process, a pool or a thread."""

    key: str
    parent: str | None
    label: str
    began: float | None = None
    ended: float | None = None
    exit: str = ""
    kind: str = "process"
    timed: bool = True
    calls: tuple[str, ...] = ()
    functions: tuple[str, ...] = ()
    order: float | None = None
    children: list[_Node] = field(default_factory=list)


def tree_section(result: RunResult) -> list[str]:
    nodes = _nodes(result)
    roots = _link(nodes)
    chosen = _first_rows(roots, MAX_ROWS)
    shown = [(node, depth) for node, depth in _walk(roots) if node.key in chosen]
    start, end = _time_axis(node for node, _ in shown)
    if not result.finished_normally:
        end = max(end, start + result.duration)
    lines = [_axis_header(end - start)]
    lines += [_row(node, depth, start, end) for node, depth in shown]
    lines += _hidden_rows(nodes, chosen)
    lines += _helpers_line(result)
    if any(node.timed and node.ended is None and node.began is not None for node, _ in shown):
        lines.append(NO_END_LEGEND)
    return lines


def _nodes(result: RunResult) -> list[_Node]:
    pids = {p.pid for p in result.processes if p.role != "helper"}
    main = result.main
    nodes = [_process_node(result, p, pids) for p in result.processes if p.role != "helper"]
    if main.pid not in pids:
        nodes.insert(0, _process_node(result, main, pids))
    nodes += [_pool_node(result, pool, pids) for pool in result.pools]
    nodes += [_thread_node(thread, index) for index, thread in enumerate(result.learner_threads)]
    return nodes


def _process_parent(result: RunResult, process: ProcessInfo, pids: set[int]) -> str | None:
    """A pool worker hangs under its pool, a process under who started it, else under main."""
    if process.role == "main":
        return None
    if process.role == "pool_worker" and process.pool and result.pool(process.pool):
        return f"pool:{process.pool}"
    for candidate in (process.started_by, process.ppid):
        if candidate in pids and candidate != process.pid:
            return f"p{candidate}"
    return f"p{result.main.pid}"


def _process_node(result: RunResult, process: ProcessInfo, pids: set[int]) -> _Node:
    worker = process.role == "pool_worker"
    tasks = [t for t in result.tasks if t.pid == process.pid]
    calls = tuple(call(t.func, t.args) or t.func for t in tasks)
    return _Node(
        key=f"p{process.pid}",
        parent=_process_parent(result, process, pids),
        label=_process_label(process),
        began=process.began if process.began is not None else process.start_called,
        ended=process.ended,
        order=process.start_called or process.began,
        exit=exit_text(process.exitcode, stopped=not result.finished_normally),
        kind="worker" if worker else "process",
        calls=calls if worker else (),
        functions=tuple(dict.fromkeys(t.func for t in tasks)) if worker else (),
    )


def _process_label(process: ProcessInfo) -> str:
    if process.role == "pool_worker":
        return f"worker {process.pid}:"
    if process.role == "forked":
        return f"os.fork() child {process.pid}"
    if process.role == "interpreter":
        return f"python {process.pid}"
    name = process.name or process.role
    return f"{name} {process.pid} {call(process.target, process.args)}"


def _task_summary(calls: Sequence[str], functions: Sequence[str], room: int) -> str:
    """``square(1) square(2) +8``: the tasks a worker ran, as many as fit in ``room``."""
    if not calls:
        return "no tasks"
    first_tail = len(f" +{len(calls) - 1}") if len(calls) > 1 else 0
    if len(calls[0]) + first_tail > room:
        return f"{len(calls)} x {', '.join(functions)}"
    text = calls[0]
    for index in range(1, len(calls)):
        rest = len(calls) - index - 1
        candidate = f"{text} {calls[index]}"
        if len(candidate) + (len(f" +{rest}") if rest else 0) > room:
            return f"{text} +{len(calls) - index}"
        text = candidate
    return text


def _pool_node(result: RunResult, pool: PoolInfo, pids: set[int]) -> _Node:
    size = pool.size if pool.size is not None else "?"
    calls = ",".join(dict.fromkeys(pool.calls)) or "no calls"
    tasks = [t for t in result.tasks if t.pool == pool.key]
    where = "" if pool.uses_processes else " in threads"
    read = f", {len(pool.received)} results read" if tasks else ""
    label = (
        f"{pool.kind}({size}) {calls}: {len(tasks)} tasks{where}{read}, "
        f"{SHUTDOWN_WORDS.get(pool.shutdown, pool.shutdown)}"
    )
    owner = f"p{pool.owner}" if pool.owner in pids else f"p{result.main.pid}"
    return _Node(
        key=f"pool:{pool.key}",
        parent=owner,
        label=label,
        began=pool.created,
        kind="pool",
        timed=False,
    )


def _thread_node(thread: ThreadInfo, index: int) -> _Node:
    name = (
        thread.name
        if thread.target and thread.target in thread.name
        else (f"{thread.name} {call(thread.target, thread.args)}")
    )
    return _Node(
        key=f"t{thread.pid}:{index}",
        parent=f"p{thread.pid}",
        label=f"thread {name}",
        began=thread.began,
        ended=thread.ended,
        kind="thread",
    )


def _link(nodes: list[_Node]) -> list[_Node]:
    """Attach each node to its parent; return the roots, all in order of starting."""
    by_key = {node.key: node for node in nodes}
    roots = []
    for node in sorted(nodes, key=_start_order):
        parent = by_key.get(node.parent) if node.parent else None
        if parent is None or parent is node:
            roots.append(node)
        else:
            parent.children.append(node)
    return roots


def _start_order(node: _Node) -> float:
    """Siblings in the order the program asked for them (``start()``), else as they began."""
    moment = node.order if node.order is not None else node.began
    return moment if moment is not None else math.inf


def _walk(roots: Iterable[_Node], depth: int = 0) -> Iterable[tuple[_Node, int]]:
    for node in roots:
        yield node, depth
        yield from _walk(node.children, depth + 1)


def _first_rows(roots: list[_Node], limit: int) -> set[str]:
    """Pick rows breadth-first, so a capped tree still shows how wide it grew."""
    chosen: set[str] = set()
    queue = deque(roots)
    while queue and len(chosen) < limit:
        node = queue.popleft()
        chosen.add(node.key)
        queue.extend(node.children)
    return chosen


def _time_axis(nodes: Iterable[_Node]) -> tuple[float, float]:
    times = [t for node in nodes if node.timed for t in (node.began, node.ended) if t is not None]
    if not times:
        return 0.0, 1.0
    start, end = min(times), max(times)
    return start, max(end, start + 1e-6)


def _axis_header(span: float) -> str:
    right = seconds(span)
    axis = "0" + right.rjust(BAR_WIDTH - 1)
    return f"{AXIS_TITLE:<{LABEL_WIDTH}}|{axis}| exit"


def _row(node: _Node, depth: int, start: float, end: float) -> str:
    prefix = "" if depth == 0 else INDENT * (min(depth, MAX_DEPTH) - 1) + BRANCH
    if not node.timed:
        return prefix + node.label
    label = prefix + node.label
    if node.kind == "worker":
        label += " " + _task_summary(node.calls, node.functions, LABEL_WIDTH - 2 - len(label))
    label = fit(label, LABEL_WIDTH - 1)
    return f"{label:<{LABEL_WIDTH}}|{_bar(node, start, end)}| {node.exit}"


def _bar(node: _Node, start: float, end: float) -> str:
    """``    =====   ``: when the node lived, on the shared time axis."""
    if node.began is None:
        return " " * BAR_WIDTH
    scale = BAR_WIDTH / (end - start)
    first = min(int((node.began - start) * scale), BAR_WIDTH - 1)
    if node.ended is None:
        return " " * first + BAR * (BAR_WIDTH - first - 1) + NO_END
    last = max(first + 1, min(math.ceil((node.ended - start) * scale), BAR_WIDTH))
    return (" " * first + BAR * (last - first)).ljust(BAR_WIDTH)


def _hidden_rows(nodes: list[_Node], chosen: set[str]) -> list[str]:
    plural = {"pool": "pools", "thread": "threads"}
    hidden = Counter(plural.get(node.kind, "processes") for node in nodes if node.key not in chosen)
    if not hidden:
        return []
    return ["... and " + ", ".join(f"{count} more {what}" for what, count in hidden.items())]


def _helpers_line(result: RunResult) -> list[str]:
    helpers = [p for p in result.processes if p.role == "helper"]
    if not helpers:
        return []
    names = ", ".join(f"{_helper_kind(p)} {p.pid}" for p in helpers)
    return [f"(not drawn: {names})"]


def _helper_kind(process: ProcessInfo) -> str:
    if process.target in HELPER_TARGETS:
        return "manager server"
    for marker, name in HELPER_KINDS:
        if marker in (process.argv or ""):
            return name
    return "helper"
