"""Draw what one run did as plain text: process tree, lifetimes, pools, threads, output, test.log.

The picture goes under a failed check in the terminal and into an instructor's
feedback, so it is ASCII only, at most ``WIDTH`` columns wide and capped in
rows: it must survive a copy-paste into a forum post.  It reads only the
``RunResult`` and never judges the run; the check's message does that.
"""

from __future__ import annotations

import math
import re
import signal
import textwrap
from collections import Counter, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from pytest_mpkata.judge.picture_exchanges import exchanges_section
from pytest_mpkata.run import protocol
from pytest_mpkata.trace.model import (
    ExceptionInfo,
    OutputLine,
    PoolInfo,
    ProcessInfo,
    RunResult,
    ThreadInfo,
)

WIDTH = 72
LABEL_WIDTH = 38
BAR_WIDTH = 22
MAX_ROWS = 12
MAX_LOG_LINES = 10
MAX_PRINTING_PROCESSES = 4
MAX_PRINTED_LINES = 3
MAX_NOTES = 3
MAX_DEPTH = 6
WRITER_WIDTH = 22
ELLIPSIS = "..."
BAR = "="
NO_END = ">"
INDENT = "|  "
BRANCH = "+- "
NOT_BY_LOGGING = "! not by logging"
NO_END_LEGEND = "> no end recorded: still running when the run stopped, or killed"
NOT_BY_LOGGING_NOTE = "! lines marked 'not by logging' reached test.log without logging"
NO_TRACE = "no trace: the program stopped before Python ran a line of it"
STDERR_MARK = "err: "
_UNPRINTABLE = re.compile(r"[^\x20-\x7e]")
SANDBOX_BLOCKED = (
    "! the sandbox refused {who}: {error}{where}. A graded program may write only in its own "
    "folder (and the temporary folder), and may not use the network or touch other processes"
)
HOW_IT_ENDED = {
    protocol.EXITED: "exited with code {code} after {seconds}",
    protocol.TIMEOUT: "stopped at its time limit, after {seconds}",
    protocol.PROCESS_LIMIT: "stopped: too many processes ({peak} at once)",
    protocol.OUTPUT_LIMIT: "stopped: it wrote too much output",
    protocol.FATAL_ERROR: "stopped after a fatal error, after {seconds}",
    protocol.INTERRUPTED: "interrupted after {seconds}",
    protocol.SUPERVISOR_FAILED: "could not be run",
}
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
_SHARED = (
    (re.compile(r"<SynchronizedArray wrapper for <[^>]*>>"), "<Array>"),
    (re.compile(r"<Synchronized\w* wrapper for [^>]*>"), "<Value>"),
)
_OBJECT_AT = re.compile(r" (?:object )?at 0x[0-9a-fA-F]+")
_DOTTED = re.compile(r"<(?:[A-Za-z_]\w*\.)+")


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


def render(result: RunResult) -> str:
    """Draw the run as plain text: summary, process tree with lifetimes, notes, test.log."""
    lines = _wrap(_headline(result))
    if result.processes:
        lines += _tree_section(result)
    else:
        lines += [NO_TRACE, *_last_error_line(result)]
    lines = [_fit(line) for line in lines]
    lines += [wrapped for note in _notes(result) for wrapped in _wrap(note)]
    lines += [_fit(line) for line in exchanges_section(result, lambda pid: _who(result, pid))]
    lines += [_fit(line) for line in _output_section(result)]
    lines += [_fit(line) for line in _log_section(result)]
    return "\n".join(lines)


# --- text helpers --------------------------------------------------------------------


def _fit(text: str, width: int = WIDTH) -> str:
    """Cut a line to ``width`` columns, marking the cut."""
    text = text.rstrip()
    return text if len(text) <= width else text[: width - len(ELLIPSIS)].rstrip() + ELLIPSIS


def _wrap(note: str) -> list[str]:
    """Notes carry whole error messages: wrap them rather than cut them."""
    return textwrap.wrap(note, WIDTH, subsequent_indent="  ", break_on_hyphens=False) or [""]


def _seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.1f} s"


def _short_args(args: str | None) -> str:
    """``(1, <SimpleQueue object at 0x7f>)`` -> ``1, <SimpleQueue>``: what a learner passed."""
    if not args:
        return ""
    text = args
    for pattern, short in _SHARED:
        text = pattern.sub(short, text)
    text = _DOTTED.sub("<", _OBJECT_AT.sub("", text))
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].rstrip(",")
    return text


def _call(function: str | None, args: str | None) -> str:
    if not function or function.startswith("multiprocessing."):
        return ""
    return f"{function}({_short_args(args)})"


def _exit_text(code: int | None, stopped: bool = False) -> str:
    """The exit column: the code (with its signal), ``killed`` when the run was stopped."""
    if code is None:
        return "killed" if stopped else "?"
    if code < 0:
        try:
            return f"{code} {signal.Signals(-code).name[3:]}"
        except ValueError:
            return str(code)
    return str(code)


def _more(count: int, what: str) -> str:
    return f"... and {count} more {what}"


# --- headline and no-trace -------------------------------------------------------------


def _headline(result: RunResult) -> str:
    template = HOW_IT_ENDED.get(result.reason, "ended: {reason}")
    ended = template.format(
        code=result.exit_code,
        seconds=_seconds(result.duration),
        peak=result.peak_processes,
        reason=result.reason,
    )
    method = f" under {result.start_method}" if result.start_method else ""
    return f"{result.script_name}{method}{_sandbox_words(result)}: {ended}"


def _sandbox_words(result: RunResult) -> str:
    """Say how a run was confined; an unconfined run says so only when it was meant to be graded."""
    if result.sandboxed:
        return f", sandboxed ({result.sandbox})"
    return ", not sandboxed" if result.sandbox.startswith("off: this machine") else ""


def _last_error_line(result: RunResult) -> list[str]:
    lines = [line.strip() for line in result.stderr.strip().splitlines() if line.strip()]
    return [f"stderr: {lines[-1]}"] if lines else []


# --- the tree --------------------------------------------------------------------------


def _tree_section(result: RunResult) -> list[str]:
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
    calls = tuple(_call(t.func, t.args) or t.func for t in tasks)
    return _Node(
        key=f"p{process.pid}",
        parent=_process_parent(result, process, pids),
        label=_process_label(process),
        began=process.began if process.began is not None else process.start_called,
        ended=process.ended,
        order=process.start_called or process.began,
        exit=_exit_text(process.exitcode, stopped=not result.finished_normally),
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
    return f"{name} {process.pid} {_call(process.target, process.args)}"


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
    label = (
        f"{pool.kind}({size}) {calls}: {len(tasks)} tasks{where}, "
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
        else (f"{thread.name} {_call(thread.target, thread.args)}")
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
    right = _seconds(span)
    axis = "0" + right.rjust(BAR_WIDTH - 1)
    return f"{AXIS_TITLE:<{LABEL_WIDTH}}|{axis}| exit"


def _row(node: _Node, depth: int, start: float, end: float) -> str:
    prefix = "" if depth == 0 else INDENT * (min(depth, MAX_DEPTH) - 1) + BRANCH
    if not node.timed:
        return prefix + node.label
    label = prefix + node.label
    if node.kind == "worker":
        label += " " + _task_summary(node.calls, node.functions, LABEL_WIDTH - 2 - len(label))
    label = _fit(label, LABEL_WIDTH - 1)
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
    for marker, name in HELPER_KINDS:
        if marker in (process.argv or ""):
            return name
    return "helper"


# --- notes -----------------------------------------------------------------------------


def _notes(result: RunResult) -> list[str]:
    blocked = result.blocked_by_sandbox
    notes = _capped([_exception_note(result, e) for e in result.exceptions if e not in blocked], "errors")
    notes += _capped([_blocked_note(result, e) for e in blocked], "refusals")
    dropped = [
        f'! {_who(result, e.pid)} logged "{e.message}": it never reached test.log'
        for e in result.dropped_logs
    ]
    notes += _capped(dropped, "lost log calls")
    notes += _capped(
        [
            f"! still running after the main process exited: pid {left.get('pid')}"
            for left in result.leftovers
        ],
        "processes left running",
    )
    if result.trace_truncated:
        notes.append("! the trace was cut short: processes may be missing here")
    return notes


def _capped(lines: list[str], what: str) -> list[str]:
    if len(lines) <= MAX_NOTES:
        return lines
    return [*lines[:MAX_NOTES], "  " + _more(len(lines) - MAX_NOTES, what)]


def _exception_note(result: RunResult, error: ExceptionInfo) -> str:
    return f"! {_who(result, error.pid)} raised {error.summary}{_where(error)}"


def _blocked_note(result: RunResult, error: ExceptionInfo) -> str:
    return SANDBOX_BLOCKED.format(who=_who(result, error.pid), error=error.summary, where=_where(error))


def _where(error: ExceptionInfo) -> str:
    if error.line and ":" in error.line:
        path, number = error.line.rsplit(":", 1)
        return f" ({PurePath(path).name}:{number})"
    return ""


def _who(result: RunResult, pid: int) -> str:
    """``Process-1 4242``: a process as the log and notes name it."""
    process = result.process(pid)
    if process is None:
        return f"pid {pid}"
    if process.role == "pool_worker":
        name = "worker"
    elif process.role == "forked":
        name = "os.fork child"
    else:
        name = process.name or process.role
    return f"{name} {pid}"


# --- what each process printed ---------------------------------------------------------


def _output_section(result: RunResult) -> list[str]:
    """Each process's printed lines under its name, the first few of each: who printed what."""
    printers = list(dict.fromkeys(line.pid for line in result.output_lines))
    if not printers:
        return []
    count = len(result.output_lines) + sum(d.lines for d in result.dropped_output)
    lines = [f"printed, {count} line{'s' if count != 1 else ''}, by process:"]
    for pid in printers[:MAX_PRINTING_PROCESSES]:
        printed = result.output_of(pid)
        lines.append(f"{_who(result, pid)}:")
        lines += [f"  {_printed(line)}" for line in printed[:MAX_PRINTED_LINES]]
        hidden = max(0, len(printed) - MAX_PRINTED_LINES) + result.output_dropped_by(pid)
        if hidden > 0:
            lines.append(f"  ... {hidden} more line{'s' if hidden != 1 else ''}")
    if len(printers) > MAX_PRINTING_PROCESSES:
        lines.append(_more(len(printers) - MAX_PRINTING_PROCESSES, "processes printed"))
    return lines


def _printed(line: OutputLine) -> str:
    """``err: [Thread-1] text``: the stream when it is stderr, the thread when not the main one."""
    stream = STDERR_MARK if line.stream == "stderr" else ""
    thread = f"[{line.thread}] " if line.from_thread else ""
    return stream + thread + _UNPRINTABLE.sub("?", line.text.expandtabs(4))


# --- test.log --------------------------------------------------------------------------


def _log_section(result: RunResult) -> list[str]:
    if not result.log_exists:
        return ["test.log: not written"]
    if not result.log_lines:
        return ["test.log: empty"]
    count = len(result.log_lines)
    lines = [f"test.log, {count} line{'s' if count != 1 else ''}, and who wrote each:"]
    flagged = False
    for line in result.log_lines[:MAX_LOG_LINES]:
        event = result.writer_of(line)
        writer = _fit(_who(result, event.pid), WRITER_WIDTH) if event else NOT_BY_LOGGING
        flagged = flagged or event is None
        lines.append(f"{line.number:>3} {writer:<{WRITER_WIDTH}} {line.message}")
    if count > MAX_LOG_LINES:
        lines.append("    " + _more(count - MAX_LOG_LINES, "lines"))
    if flagged:
        lines.append(NOT_BY_LOGGING_NOTE)
    return lines
