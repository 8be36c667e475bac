"""Draw what one run did as plain text: process tree, lifetimes, pools, threads, output, test.log.

The tree is drawn by ``picture_tree``, the queues and pipes by ``picture_exchanges``, each line
fitted by ``picture_text``; this module puts the sections together and adds the headline, the
notes, what each process printed and test.log.

The picture goes under a failed check in the terminal and into an instructor's
feedback, so it is ASCII only, at most ``WIDTH`` columns wide and capped in
rows: it must survive a copy-paste into a forum post.  It reads only the
``RunResult`` and never judges the run; the check's message does that.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from pytest_mpkata.judge.picture_exchanges import exchanges_section
from pytest_mpkata.judge.picture_moments import moments_section
from pytest_mpkata.judge.picture_text import fit, more, seconds, wrap
from pytest_mpkata.judge.picture_tree import tree_section
from pytest_mpkata.run import protocol
from pytest_mpkata.trace.facts import ExceptionInfo, OutputLine
from pytest_mpkata.trace.model import RunResult

__all__ = [
    "HOW_IT_ENDED",
    "MAX_LOG_LINES",
    "MAX_NOTES",
    "MAX_PRINTED_LINES",
    "MAX_PRINTING_PROCESSES",
    "NOT_BY_LOGGING",
    "NOT_BY_LOGGING_NOTE",
    "NO_TRACE",
    "SANDBOX_BLOCKED",
    "STDERR_MARK",
    "WRITER_WIDTH",
    "render",
]

MAX_LOG_LINES = 10
MAX_PRINTING_PROCESSES = 4
MAX_PRINTED_LINES = 3
MAX_NOTES = 3
WRITER_WIDTH = 22
NOT_BY_LOGGING = "! not by logging"
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


def render(result: RunResult) -> str:
    """Draw the run as plain text: summary, process tree with lifetimes, notes, test.log."""
    lines = wrap(_headline(result))
    if result.processes:
        lines += tree_section(result)
    else:
        lines += [NO_TRACE, *_last_error_line(result)]
    lines = [fit(line) for line in lines]
    lines += [wrapped for note in _notes(result) for wrapped in wrap(note)]
    lines += [fit(line) for line in exchanges_section(result, lambda pid: _who(result, pid))]
    lines += [fit(line) for line in moments_section(result, lambda pid: _who(result, pid))]
    lines += [fit(line) for line in _output_section(result)]
    lines += [fit(line) for line in _log_section(result)]
    return "\n".join(lines)


# --- text helpers --------------------------------------------------------------------


# --- headline and no-trace -------------------------------------------------------------


def _headline(result: RunResult) -> str:
    template = HOW_IT_ENDED.get(result.reason, "ended: {reason}")
    ended = template.format(
        code=result.exit_code,
        seconds=seconds(result.duration),
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
    return [*lines[:MAX_NOTES], "  " + more(len(lines) - MAX_NOTES, what)]


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
        lines.append(more(len(printers) - MAX_PRINTING_PROCESSES, "processes printed"))
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
        writer = fit(_who(result, event.pid), WRITER_WIDTH) if event else NOT_BY_LOGGING
        flagged = flagged or event is None
        lines.append(f"{line.number:>3} {writer:<{WRITER_WIDTH}} {line.message}")
    if count > MAX_LOG_LINES:
        lines.append("    " + more(count - MAX_LOG_LINES, "lines"))
    if flagged:
        lines.append(NOT_BY_LOGGING_NOTE)
    return lines
