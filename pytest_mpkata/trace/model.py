"""Turn a raw run (output, log file, trace records) into a typed ``RunResult``.

The model is plain frozen dataclasses plus queries named the way checks talk:
``result.children_of(result.main)``, ``result.pids_that_ran("square")``,
``result.all_started_before_first_join(children)``.  Nothing here starts a
process or judges a run.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pytest_mpkata.run import protocol
from pytest_mpkata.run.runner import RunLimits
from pytest_mpkata.trace.evidence import Evidence

MAIN_MODULES = ("__main__.", "__mp_main__.")
POOL_WORKER_TARGETS = ("multiprocessing.pool.worker", "concurrent.futures.process._process_worker")
HELPER_MARKERS = ("resource_tracker", "forkserver import main", "semaphore_tracker")
INTERNAL_THREAD_PREFIXES = ("multiprocessing.", "concurrent.", "logging.", "threading.")
PROCESS_POOL_KINDS = ("Pool", "ProcessPoolExecutor")
MAIN_THREAD = "MainThread"
SENTINEL = "None"
"""The repr of the sentinel a producer puts on a queue to stop one consumer."""
PRINTED_IN_A_THREAD = "thread"
"""What ``RunResult.printed_by`` says of a line a thread printed; otherwise it names the process role."""
SANDBOX_ERRNO = "[Errno 101]"  # ENETUNREACH: no network inside the sandbox's namespace


def short_name(qualified: str | None) -> str | None:
    """Drop ``__main__.``/``__mp_main__.`` so a function has one name under every start method."""
    if qualified is None:
        return None
    for prefix in MAIN_MODULES:
        qualified = qualified.replace(prefix, "")
    return qualified


@dataclass(frozen=True)
class SharedValue:
    """A shared ctypes object handed to a process, as the child saw it."""

    arg: Any
    kind: str
    value: Any


@dataclass(frozen=True)
class SharedWrite:
    """One assignment to an element of a shared ``multiprocessing.Array``, in the process that made it."""

    pid: int
    index: Any
    old: Any
    new: Any
    time: float


@dataclass(frozen=True)
class QueueEvent:
    """A ``put()`` or a returned ``get()`` on a Queue the program made, in the process that made it."""

    queue: str
    pid: int
    action: str
    """``put`` or ``get``."""
    item: str
    """The item's repr."""
    time: float

    @property
    def is_sentinel(self) -> bool:
        """True for ``None``, the value that tells a consumer to stop."""
        return self.item == SENTINEL


@dataclass(frozen=True)
class PipeEvent:
    """A ``send()``, a returned ``recv()`` or a ``close()`` on one end of a ``Pipe()`` the program made."""

    pipe: str
    end: int
    pid: int
    action: str
    """``send``, ``recv`` or ``close``."""
    item: str
    time: float

    @property
    def other_end(self) -> int:
        return 1 - self.end


@dataclass(frozen=True)
class ValueWrites:
    """What one process wrote to one shared ``Value`` through ``.value``, and how often without its lock."""

    value: str
    pid: int
    writes: int
    unlocked: int
    """Writes made while the process did not hold the Value's own lock (``get_lock()``)."""
    overwrote: int
    """Writes that set a value no higher than the one they replaced: another process's update lost."""
    first_overwrite: tuple[Any, ...] | None
    last: tuple[Any, ...] | None
    last_time: float | None


@dataclass(frozen=True)
class ExceptionInfo:
    """An exception that escaped a process's code (or a thread's)."""

    pid: int
    where: str
    type: str
    message: str
    line: str | None
    fatal: str | None

    @property
    def summary(self) -> str:
        return f"{self.type}: {self.message}" if self.message else self.type


@dataclass(frozen=True)
class ProcessInfo:
    """One process of the run: who started it, what it ran, how it ended."""

    pid: int
    role: str
    ppid: int | None = None
    name: str | None = None
    target: str | None = None
    args: str | None = None
    start_method: str | None = None
    began: float | None = None
    ended: float | None = None
    exitcode: int | None = None
    started_by: int | None = None
    start_called: float | None = None
    joined_by: int | None = None
    joined_at: float | None = None
    pool: str | None = None
    daemon: bool = False
    terminated_by: int | None = None
    argv: str | None = None
    shared_before: tuple[SharedValue, ...] = ()
    shared_after: tuple[SharedValue, ...] = ()
    cpu_time: float | None = None
    """CPU seconds (user + system) the process used, recorded as it ended; None if it never ended."""
    startup_cpu: float = 0.0
    """CPU seconds the interpreter had used when the tracer started, before the program's first
    line (starting Python, site, the tracer itself; more when the grader measures coverage)."""

    @property
    def label(self) -> str:
        """How messages name this process: ``Process-2 (pid 4242)``."""
        return f"{self.name or self.role} (pid {self.pid})"


@dataclass(frozen=True)
class TaskInfo:
    """One call of a pool task's function, in the process that ran it."""

    pool: str
    method: str
    func: str
    args: str
    pid: int
    started: float
    ended: float
    result: str | None
    error: str | None
    cpu: float | None = None
    """CPU seconds the call used in its worker."""


@dataclass(frozen=True)
class PoolInfo:
    """A pool of workers and how the program used and shut it down."""

    key: str
    kind: str
    size: int | None
    owner: int
    created: float
    workers: tuple[int, ...]
    calls: tuple[str, ...]
    shutdown_events: tuple[str, ...]
    received: tuple[str, ...] = ()
    """What the parent received from the pool's calls (the repr of each ``get()``), in order."""
    first_call_cpu: float | None = None
    """CPU seconds the owner had used when it first handed the pool work."""

    @property
    def uses_processes(self) -> bool:
        return self.kind in PROCESS_POOL_KINDS

    @property
    def shutdown(self) -> str:
        """How the pool ended: close_join, context_manager, terminate, shutdown, close_only, never."""
        events = self.shutdown_events
        if "exit" in events:
            return "context_manager"
        if "shutdown" in events:
            return "shutdown"
        if "close" in events and "join" in events[events.index("close") :]:
            return "close_join"
        if "terminate" in events:
            return "terminate"
        if "close" in events:
            return "close_only"
        return "never"


@dataclass(frozen=True)
class ThreadInfo:
    """A ``threading.Thread`` that ran: in which process, running what."""

    pid: int
    name: str
    target: str | None
    args: str
    began: float
    ended: float | None
    joined_at: float | None = None
    """When the ``join()`` that saw the thread finished was called."""

    @property
    def internal(self) -> bool:
        """True for threads the standard library starts for itself (pool handlers, feeders)."""
        return self.target is None or self.target.startswith(INTERNAL_THREAD_PREFIXES)


@dataclass(frozen=True)
class LogEvent:
    """A logging call: who made it, what it said, where it went (or that it was dropped)."""

    pid: int
    process_name: str
    level: int
    message: str
    time: float
    destinations: tuple[str, ...]
    dropped: bool = False

    @property
    def asctime(self) -> str:
        """The ``%(asctime)s`` logging would print for this record."""
        stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self.time))
        return f"{stamp},{int((self.time - int(self.time)) * 1000):03d}"


@dataclass(frozen=True)
class OutputLine:
    """One line a process printed to its stdout or stderr, and the thread that printed it."""

    pid: int
    stream: str
    text: str
    time: float
    process_name: str | None
    thread: str | None

    @property
    def from_thread(self) -> bool:
        """True when a thread other than the process's main thread printed it."""
        return self.thread not in (None, MAIN_THREAD)


@dataclass(frozen=True)
class DroppedOutput:
    """Output lines a process printed past the tracer's bound: counted, not recorded."""

    pid: int
    lines: int
    chars: int


@dataclass(frozen=True)
class LogLine:
    """One line of ``test.log``, split as ``%(asctime)s %(message)s``."""

    number: int
    text: str
    asctime: str | None
    message: str


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

    # --- errors -----------------------------------------------------------

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
