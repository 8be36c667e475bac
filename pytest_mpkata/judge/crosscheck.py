"""Hold what a program recorded about itself to what the system saw of it.

Every check reads the trace, and the trace is written from inside the judged program; a
program that wants the grade can write whatever it likes there.  The kernel's facts
(``trace.evidence``) it cannot write: which processes existed, who their parents were,
when they lived, how much CPU they used, and which process really sent each record.  A run
whose trace contradicts them is graded ``error``, kind ``tampered``, on every check, with
the contradictions named, and the instructor sees the flag in the class's grades.

Only what the system vouches for is held against the trace: without ptrace (macOS,
Windows) or a stamped channel there is nothing to compare, and nothing is claimed.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Optional

from pytest_mpkata.judge.findings import Finding
from pytest_mpkata.run.protocol import LOG_FILE_NAME
from pytest_mpkata.run.records import OUTPUT_LINE_LIMIT
from pytest_mpkata.trace.evidence import Evidence, KernelProcess
from pytest_mpkata.trace.facts import ProcessInfo
from pytest_mpkata.trace.model import RunResult

__all__ = ["TAMPERED", "contradictions", "tampered"]

TAMPERED = "tampered"
MESSAGE = (
    "What your program recorded does not match what the system saw: {found}. "
    "A run like this earns no points, and your instructor is told; run your own processes "
    "and let the tracer record them."
)
CLOCK_SLACK = 0.5
"""Seconds between a record's own time and its sender's lifetime that clock steps may explain."""
CPU_SLACK = 0.05
"""Seconds of CPU beyond the kernel's count that rounding explains (the kernel counts in ticks)."""
SHOWN = 3
"""Contradictions named in the message; the rest are counted."""
LEARNER_MADE = ("child", "pool_worker")


def tampered(result: RunResult) -> Optional[Finding]:
    """The finding every check of a run reports when its trace contradicts the system, or None."""
    found = contradictions(result)
    if not found:
        return None
    named = "; ".join(found[:SHOWN])
    if len(found) > SHOWN:
        named += f"; and {len(found) - SHOWN} more"
    return Finding(MESSAGE.format(found=named), TAMPERED)


def contradictions(result: RunResult) -> tuple[str, ...]:
    """Each way the trace contradicts the system's facts, in words, with the pids involved."""
    evidence = result.evidence
    found: list[str] = []
    if evidence.stamped:
        found += _channel(evidence)
    found += [f"process {t.pid} {t.detail} ({t.line})" for t in evidence.tampering]
    if evidence.followed:
        found += _unknown(result, evidence)
        found += _lineage(result, evidence)
        found += _lifetimes(evidence)
        found += _cpu(result, evidence)
    if evidence.watched and result.finished_normally:
        found += _log_writers(result, evidence)
    if evidence.output_stamped and result.finished_normally:
        found += _output_writers(result, evidence)
    return tuple(dict.fromkeys(found))


def _channel(evidence: Evidence) -> list[str]:
    found = []
    if evidence.junk:
        found.append(f"{evidence.junk} message(s) on the tracer's channel were not records the tracer writes")
    in_the_name_of: dict[int, list[str]] = defaultdict(list)
    for forgery in evidence.forgeries:
        in_the_name_of[forgery.sender].append(str(forgery.claimed))
    for sender, claimed in in_the_name_of.items():
        names = ", ".join(dict.fromkeys(claimed))
        found.append(f"process {sender} sent {len(claimed)} record(s) in the name of process(es) {names}")
    return found


def _unknown(result: RunResult, evidence: Evidence) -> list[str]:
    """Processes the trace speaks of that never existed."""
    named: dict[int, str] = {process.pid: process.name or process.role for process in result.processes}
    for pool in result.pools:
        if pool.uses_processes:
            named.update((worker, f"a worker of {pool.kind}") for worker in pool.workers)
    named.update((task.pid, f"the worker that ran {task.func}") for task in result.tasks)
    known = {process.pid for process in evidence.processes}
    return [
        f"the trace names process {pid} ({label}), which never ran"
        for pid, label in named.items()
        if isinstance(pid, int) and pid not in known
    ]


def _log_writers(result: RunResult, evidence: Evidence) -> list[str]:
    """Who logged each line of test.log, against who the kernel saw write it.

    ``logging`` writes each record with one call, flushed at once, so a line the trace gives a
    writer was written whole by some process the kernel saw; a line written some other way
    (memory-mapped, ``sendfile``) has no writer the kernel can name, and is held against the
    trace only where every write was read.
    """
    complete = evidence.kept_all_of(LOG_FILE_NAME)
    found = []
    for line in result.log_lines:
        event = result.writer_of(line)
        if event is None:
            continue
        writers = evidence.writers_of(LOG_FILE_NAME, line.text)
        quoted = _quoted(line.text)
        if writers and event.pid not in writers:
            found.append(
                f"line {line.number} of test.log ({quoted}) was written by process {min(writers)}, "
                f"but the trace says process {event.pid} logged it"
            )
        elif not writers and complete:
            found.append(
                f"no process wrote line {line.number} of test.log ({quoted}) with a write the system "
                f"saw, yet the trace says process {event.pid} logged it"
            )
    return found


def _output_writers(result: RunResult, evidence: Evidence) -> list[str]:
    """Who printed each line, against who the kernel saw write it to stdout or stderr.

    Every write to descriptors 1 and 2 reaches the supervisor with its writer's pid, and each
    process's writes, joined in order, give back the lines it printed (its own buffer never
    mixes with another's).  A line the tracer cut short (``OUTPUT_LINE_LIMIT``) is matched on
    its start.
    """
    found = []
    for printed in result.output_lines:
        cut = len(printed.text) >= OUTPUT_LINE_LIMIT and printed.text.endswith("...")
        text = printed.text[:-3] if cut else printed.text
        writers = evidence.writers_of(printed.stream, text, cut)
        if printed.pid in writers:
            continue
        if writers:
            found.append(
                f"{printed.stream} line {_quoted(printed.text)} was written by process {min(writers)}, "
                f"but the trace says process {printed.pid} printed it"
            )
        elif evidence.kept_all_of(printed.stream):
            found.append(
                f"no process wrote {printed.stream} line {_quoted(printed.text)}, "
                f"yet the trace says process {printed.pid} printed it"
            )
    return found


def _quoted(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


def _lineage(result: RunResult, evidence: Evidence) -> list[str]:
    """Who started each process, and how, against who the kernel saw make it."""
    found = []
    for process in result.processes:
        seen = evidence.process(process.pid)
        if seen is None or seen.parent is None:
            continue
        if (
            process.ppid is not None
            and process.ppid != seen.parent
            and not _orphaned(process, seen, evidence)
        ):
            found.append(
                f"process {process.pid} says its parent is {process.ppid}, but {seen.parent} made it"
            )
        if process.role in LEARNER_MADE:
            found += _start_method(process, seen, evidence)
    return found


def _orphaned(process: ProcessInfo, seen: KernelProcess, evidence: Evidence) -> bool:
    """Its parent had ended when it first spoke, and it names the process that adopted it: ``1`` (the
    sandbox's init) or one outside the run (the supervisor).  A helper such as spawn's resource
    tracker, still starting when a quick main ends, asks for its parent only then: an honest
    answer, on a loaded machine."""
    parent = evidence.process(seen.parent)
    spoke = [first for pid, first, _ in evidence.spans if pid == process.pid]
    if parent is None or parent.ended is None or not spoke or parent.ended > spoke[0] + CLOCK_SLACK:
        return False
    return process.ppid == 1 or evidence.process(process.ppid) is None


def _start_method(process: ProcessInfo, seen: KernelProcess, evidence: Evidence) -> list[str]:
    method = process.start_method
    if method == "spawn" and not seen.spawned:
        return [
            f"process {process.pid} says multiprocessing spawned it, but no new interpreter started in it"
        ]
    if method == "forkserver":
        server = evidence.process(seen.parent)
        if server is None or not server.fork_server:
            return [
                f"process {process.pid} says the fork server made it, but process {seen.parent} forked it"
            ]
    if method == "fork":
        if seen.execs:
            return [f"process {process.pid} says it was forked, but it started a new program"]
        if process.started_by is not None and process.started_by != seen.parent:
            return [
                f"process {process.pid} says {process.started_by} started it, but {seen.parent} forked it"
            ]
    return []


def _lifetimes(evidence: Evidence) -> list[str]:
    """Every record's time within its sender's life."""
    found = []
    for pid, first, last in evidence.spans:
        seen = evidence.process(pid)
        if seen is None:
            found.append(f"process {pid} sent records, but it never ran")
        elif not (seen.lived_at(first, CLOCK_SLACK) and seen.lived_at(last, CLOCK_SLACK)):
            found.append(f"process {pid} recorded events at times it was not running")
    return found


def _cpu(result: RunResult, evidence: Evidence) -> list[str]:
    """CPU a process says it used, against the CPU the kernel counted."""
    claimed: dict[int, float] = defaultdict(float)
    for task in result.tasks:
        claimed[task.pid] += task.cpu or 0.0
    for process in result.processes:
        if process.cpu_time is not None:
            claimed[process.pid] = max(claimed[process.pid], process.cpu_time)
    found = []
    for pid, seconds in claimed.items():
        seen = evidence.process(pid)
        if seen is None or seen.cpu is None:
            continue
        if seconds > seen.cpu * 1.1 + CPU_SLACK:
            found.append(
                f"process {pid} says it used {seconds:.2f} s of CPU, but the system counted {seen.cpu:.2f} s"
            )
    return found
