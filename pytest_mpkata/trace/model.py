"""What one run of a learner's program did, as a typed ``RunResult``.

The model is the plain frozen facts of ``trace/facts.py`` plus queries named the way checks talk:
``result.children_of(result.main)``, ``result.pids_that_ran("square")``,
``result.all_started_before_first_join(children)``.  Nothing here starts a
process or judges a run.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pytest_mpkata.run import protocol
from pytest_mpkata.run.runner import RunLimits
from pytest_mpkata.trace.evidence import Evidence
from pytest_mpkata.trace.facts import (
    HELPER_MARKERS,
    PRINTED_IN_A_THREAD,
    SANDBOX_ERRNO,
    DroppedOutput,
    ExceptionInfo,
    LogEvent,
    LogLine,
    Moment,
    OutputLine,
    PipeEvent,
    PoolInfo,
    ProcessInfo,
    QueueEvent,
    SharedWrite,
    TaskInfo,
    ThreadInfo,
    ValueWrites,
    short_name,
)

__all__ = ["RunResult"]


@dataclass(frozen=True)
class RunResult:
    """What one run of a learner's program did, in which process, with queries for checks."""

    script_name: str
    start_method: str | None
    reason: str
    exit_code: int | None
    duration: float
    main_pid: int | None
    stdout: str
    stderr: str
    stdout_size: int
    stderr_size: int
    log_exists: bool
    log_size: int
    log_path: str
    log_lines: tuple[LogLine, ...]
    processes: tuple[ProcessInfo, ...]
    pools: tuple[PoolInfo, ...]
    tasks: tuple[TaskInfo, ...]
    threads: tuple[ThreadInfo, ...]
    logs: tuple[LogEvent, ...]
    exceptions: tuple[ExceptionInfo, ...]
    shared_writes: tuple[SharedWrite, ...] = ()
    leftovers: tuple[dict[str, Any], ...] = ()
    killed: int = 0
    peak_processes: int = 0
    workdir_files: tuple[str, ...] = ()
    start_failures: tuple[dict[str, Any], ...] = ()
    trace_truncated: bool = False
    output_lines: tuple[OutputLine, ...] = ()
    dropped_output: tuple[DroppedOutput, ...] = ()
    tracer_errors: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())
    limits: RunLimits | None = None
    sandbox: str = "off: not requested"
    queue_events: tuple[QueueEvent, ...] = ()
    pipe_events: tuple[PipeEvent, ...] = ()
    value_writes: tuple[ValueWrites, ...] = ()
    messages_dropped: int = 0
    """Queue and pipe events past the tracer's bound (happened, not recorded)."""
    moments: tuple[Moment, ...] = ()
    """Moments of synchronisation (``records.MOMENTS``), in the order they were recorded."""
    blocks_left: tuple[str, ...] = ()
    """Shared memory blocks the run created and left in ``/dev/shm``, as the grader found them."""
    evidence: Evidence = field(default_factory=Evidence)
    """What the system saw of the run, beside the trace (``judge.crosscheck`` compares them)."""

    # --- how the run ended ------------------------------------------------

    @property
    def timed_out(self) -> bool:
        return self.reason == protocol.TIMEOUT

    @property
    def finished_normally(self) -> bool:
        return self.reason == protocol.EXITED

    # --- processes --------------------------------------------------------

    @property
    def main(self) -> ProcessInfo:
        for process in self.processes:
            if process.role == "main":
                return process
        return ProcessInfo(pid=self.main_pid or 0, role="main", name="MainProcess")

    def process(self, pid: int) -> ProcessInfo | None:
        for process in self.processes:
            if process.pid == pid:
                return process
        return None

    def children_of(self, parent: ProcessInfo) -> tuple[ProcessInfo, ...]:
        """Processes the given process started itself (not pool workers, not helpers)."""
        return tuple(p for p in self.processes if p.role == "child" and p.started_by == parent.pid)

    @property
    def learner_processes(self) -> tuple[ProcessInfo, ...]:
        """Every process the learner's code created with ``Process`` (pool workers excluded)."""
        return tuple(p for p in self.processes if p.role == "child")

    @property
    def forked_processes(self) -> tuple[ProcessInfo, ...]:
        """Processes made with ``os.fork()`` directly, outside ``multiprocessing``."""
        return tuple(p for p in self.processes if p.role == "forked")

    def processes_running(self, function: str) -> tuple[ProcessInfo, ...]:
        """Processes whose target is ``function`` (short name, e.g. ``square``)."""
        return tuple(p for p in self.processes if _names_function(p.target, function))

    def pids_that_ran(self, function: str) -> set[int]:
        """Distinct pids where ``function`` ran: as a process target or as a pool task."""
        pids = {p.pid for p in self.processes_running(function)}
        pids |= {t.pid for t in self.tasks_running(function)}
        return pids

    def all_started_before_first_join(self, processes: Sequence[ProcessInfo]) -> bool:
        starts = [p.start_called for p in processes if p.start_called is not None]
        joins = [p.joined_at for p in processes if p.joined_at is not None]
        return bool(starts) and (not joins or max(starts) < min(joins))

    @property
    def crashed_processes(self) -> tuple[ProcessInfo, ...]:
        """Learner-created processes and pool workers that ended with a non-zero exit code."""
        return tuple(
            p
            for p in self.processes
            if p.role in ("child", "pool_worker")
            and p.exitcode not in (None, 0)
            and not (p.role == "pool_worker" and p.exitcode in (-15,))
        )

    @property
    def alive_at_exit(self) -> tuple[dict[str, Any], ...]:
        """The program's processes still running after the main process had exited.

        multiprocessing's own helpers (the resource tracker, the fork server) end by themselves
        once the main process is gone, a moment later on a loaded machine: never the learner's.
        A process the trace knows is judged by its role (a fork server's children share its
        command line), one it does not by its command line.
        """
        roles = {p.pid: p.role for p in self.processes}

        def helper(left: dict[str, Any]) -> bool:
            pid = left.get("pid")
            if pid in roles:
                return roles[pid] == "helper"
            return any(marker in str(left.get("cmdline", "")) for marker in HELPER_MARKERS)

        return tuple(left for left in self.leftovers if not helper(left))

    # --- pools and threads ------------------------------------------------

    @property
    def process_pools(self) -> tuple[PoolInfo, ...]:
        return tuple(pool for pool in self.pools if pool.uses_processes)

    def pool(self, key: str) -> PoolInfo | None:
        for pool in self.pools:
            if pool.key == key:
                return pool
        return None

    def tasks_running(self, function: str) -> tuple[TaskInfo, ...]:
        return tuple(t for t in self.tasks if _names_function(t.func, function))

    @property
    def learner_threads(self) -> tuple[ThreadInfo, ...]:
        return tuple(t for t in self.threads if not t.internal)

    def threads_running(self, function: str) -> tuple[ThreadInfo, ...]:
        return tuple(t for t in self.threads if _names_function(t.target, function))

    # --- logging ----------------------------------------------------------

    @property
    def log_messages(self) -> tuple[str, ...]:
        return tuple(line.message for line in self.log_lines)

    def writer_of(self, line: LogLine) -> LogEvent | None:
        """The logging call that wrote this line of test.log, if logging wrote it at all."""
        candidates = [e for e in self.logs_to_file if e.message == line.message]
        for event in candidates:
            if event.asctime == line.asctime:
                return event
        return candidates[0] if candidates else None

    @property
    def logs_to_file(self) -> tuple[LogEvent, ...]:
        return tuple(e for e in self.logs if not e.dropped and self.log_path in e.destinations)

    @property
    def dropped_logs(self) -> tuple[LogEvent, ...]:
        """Log calls that went nowhere near test.log (unconfigured logging in that process)."""
        return tuple(e for e in self.logs if e.dropped or self.log_path not in e.destinations)

    # --- what each process printed ------------------------------------------

    def output_of(self, pid: int, stream: str | None = None) -> tuple[OutputLine, ...]:
        """The lines process ``pid`` printed, on ``stream`` ("stdout" or "stderr") or both."""
        return tuple(line for line in self.output_lines if line.pid == pid and stream in (None, line.stream))

    def pids_that_printed(self, pattern: str, stream: str | None = None) -> set[int]:
        """Pids that printed a line matching the regex ``pattern`` (``re.search``)."""
        found = re.compile(pattern)
        return {
            line.pid
            for line in self.output_lines
            if stream in (None, line.stream) and found.search(line.text)
        }

    def processes_that_printed(self, pattern: str, stream: str | None = None) -> tuple[ProcessInfo, ...]:
        """The processes that printed a line matching the regex ``pattern``, in order of starting."""
        pids = self.pids_that_printed(pattern, stream)
        known = tuple(p for p in self.processes if p.pid in pids)
        unknown = sorted(pids - {p.pid for p in known})
        return known + tuple(ProcessInfo(pid=pid, role="interpreter") for pid in unknown)

    def printed_by(self, line: OutputLine) -> str:
        """Who printed ``line``, as checks say it: "thread", else the role of its process
        ("main", "child", "pool_worker", "forked", ...)."""
        if line.from_thread:
            return PRINTED_IN_A_THREAD
        process = self.process(line.pid)
        if process is None:
            return "main" if line.pid == self.main_pid else "interpreter"
        return process.role

    def lines_printed_by(self, who: str) -> tuple[OutputLine, ...]:
        """The lines ``printed_by`` names ``who``: e.g. ``result.lines_printed_by("pool_worker")``."""
        return tuple(line for line in self.output_lines if self.printed_by(line) == who)

    def output_dropped_by(self, pid: int) -> int:
        """How many lines process ``pid`` printed past the tracer's bound (printed, not recorded)."""
        return sum(d.lines for d in self.dropped_output if d.pid == pid)

    # --- CPU time -----------------------------------------------------------

    def task_cpu_time(self) -> float:
        """CPU seconds the pool's task calls used, in all workers together."""
        return sum(t.cpu or 0.0 for t in self.tasks if t.pid != self.main_pid)

    def main_cpu_around_pool(self) -> tuple[float, float] | None:
        """The CPU seconds main's own code spent before it first handed a pool work, and after.

        "Before" leaves out starting the interpreter (``startup_cpu``), which the program does not
        choose.  None when either is unknown (no pool call recorded, or main never reached its end).
        """
        mine = [p for p in self.pools if p.owner == self.main_pid]
        calls = [p.first_call_cpu for p in mine if p.first_call_cpu is not None]
        if not calls or self.main.cpu_time is None:
            return None
        return max(min(calls) - self.main.startup_cpu, 0.0), self.main.cpu_time - min(calls)

    # --- queues -------------------------------------------------------------

    def queue_puts(self, pid: int | None = None) -> tuple[QueueEvent, ...]:
        """Every ``put()`` on the program's queues, or those process ``pid`` made."""
        return tuple(e for e in self.queue_events if e.action == "put" and pid in (None, e.pid))

    def queue_gets(self, pid: int | None = None) -> tuple[QueueEvent, ...]:
        """Every ``get()`` that returned, or those of process ``pid``."""
        return tuple(e for e in self.queue_events if e.action == "get" and pid in (None, e.pid))

    def queue_consumers(self) -> tuple[ProcessInfo, ...]:
        """The processes other than main that took items from a queue, in order of starting."""
        pids = {e.pid for e in self.queue_gets() if e.pid != self.main_pid}
        return tuple(p for p in self.processes if p.pid in pids)

    # --- pipes ---------------------------------------------------------------

    def pipe_sends(self, pid: int | None = None) -> tuple[PipeEvent, ...]:
        return tuple(e for e in self.pipe_events if e.action == "send" and pid in (None, e.pid))

    def pipe_receives(self, pid: int | None = None) -> tuple[PipeEvent, ...]:
        return tuple(e for e in self.pipe_events if e.action == "recv" and pid in (None, e.pid))

    def received_from(self, sent: PipeEvent, receivers: set[int]) -> PipeEvent | None:
        """The ``recv()`` at the other end of ``sent``'s pipe, in one of ``receivers``, that got its item."""
        for event in self.pipe_receives():
            same_pipe = event.pipe == sent.pipe and event.end == sent.other_end
            if same_pipe and event.pid in receivers and event.item == sent.item and event.time >= sent.time:
                return event
        return None

    def pipe_ends_used(self) -> set[tuple[int, str, int]]:
        """(pid, pipe, end) for each pipe end a process sent or received on."""
        return {(e.pid, e.pipe, e.end) for e in self.pipe_events if e.action in ("send", "recv")}

    def pipe_ends_closed(self) -> set[tuple[int, str, int]]:
        """(pid, pipe, end) for each pipe end a process called ``close()`` on."""
        return {(e.pid, e.pipe, e.end) for e in self.pipe_events if e.action == "close"}

    # --- shared values ---------------------------------------------------------

    def value_writes_by(self, pid: int) -> int:
        """How many times process ``pid`` wrote a shared Value through ``.value``."""
        return sum(w.writes for w in self.value_writes if w.pid == pid)

    @property
    def last_value_written(self) -> Any:
        """The value the last write of any process left in the shared Value, if any was recorded."""
        timed = [w for w in self.value_writes if w.last is not None and w.last_time is not None]
        if not timed:
            return None
        last = max(timed, key=lambda w: w.last_time or 0.0).last
        return last[1] if last else None

    # --- synchronisation and errors ------------------------------------------

    def moments_of(self, *kinds: str, pid: int | None = None) -> tuple[Moment, ...]:
        """The moments of these kinds (all when none is named), of one process or all, by time."""
        chosen = [m for m in self.moments if (not kinds or m.kind in kinds) and pid in (None, m.pid)]
        return tuple(sorted(chosen, key=lambda m: m.time))

    @property
    def fatal_exceptions(self) -> tuple[ExceptionInfo, ...]:
        return tuple(e for e in self.exceptions if e.fatal)

    @property
    def sandboxed(self) -> bool:
        return not self.sandbox.startswith("off")

    @property
    def blocked_by_sandbox(self) -> tuple[ExceptionInfo, ...]:
        """Errors the sandbox caused: a write outside the run's folder, the network, a signal."""
        if not self.sandboxed:
            return ()
        return tuple(e for e in self.exceptions if e.type == "PermissionError" or SANDBOX_ERRNO in e.message)

    def shared_writes_by(self, pid: int) -> tuple[SharedWrite, ...]:
        return tuple(w for w in self.shared_writes if w.pid == pid)

    def exceptions_in(self, pid: int) -> tuple[ExceptionInfo, ...]:
        return tuple(e for e in self.exceptions if e.pid == pid)


def _names_function(qualified: str | None, function: str) -> bool:
    name = short_name(qualified)
    if name is None:
        return False
    return name == function or name.endswith("." + function)
