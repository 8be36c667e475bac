"""What one run did, fact by fact: the plain frozen records a ``RunResult`` is made of.

Each class is one kind of fact the builder folds from the trace (a process, a pool task, a log
call, a queue put, a moment of synchronisation); ``trace/model.py`` holds them together and
answers the checks' questions about them.  Nothing here starts a process or judges a run.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

__all__ = [
    "HELPER_MARKERS",
    "HELPER_TARGETS",
    "INTERNAL_THREAD_PREFIXES",
    "MAIN_MODULES",
    "MAIN_THREAD",
    "POOL_WORKER_TARGETS",
    "PRINTED_IN_A_THREAD",
    "PROCESS_POOL_KINDS",
    "SANDBOX_ERRNO",
    "SENTINEL",
    "DroppedOutput",
    "ExceptionInfo",
    "LogEvent",
    "LogLine",
    "Moment",
    "OutputLine",
    "PipeEvent",
    "PoolInfo",
    "ProcessInfo",
    "QueueEvent",
    "SharedValue",
    "SharedWrite",
    "TaskInfo",
    "ThreadInfo",
    "ValueWrites",
    "short_name",
]

MAIN_MODULES = ("__main__.", "__mp_main__.")
POOL_WORKER_TARGETS = ("multiprocessing.pool.worker", "concurrent.futures.process._process_worker")
HELPER_MARKERS = ("resource_tracker", "forkserver import main", "semaphore_tracker")
HELPER_TARGETS = ("multiprocessing.managers.BaseManager._run_server",)
"""Targets of processes multiprocessing starts for itself with ``Process`` (a manager's server):
helpers, like the resource tracker, never the program's own children."""
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
    size: int | None = None
    """The length of a bytes or str item (its repr is cut short), None for other items."""

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
    """The values the program read from the pool, in order, as reprs: each ``get()`` of apply,
    each element of map's list, each ``next()`` of an imap or executor.map iterator, each
    ``result()`` of a submitted future."""
    received_errors: tuple[str, ...] = ()
    """The exceptions of failed tasks the program read instead of a value (``"Type: message"``)."""
    received_at: tuple[float, ...] = ()
    """When the program read each value of ``received`` (the time ``next()``, ``get()`` or
    ``result()`` returned it), in the same order."""
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
class Moment:
    """One moment of synchronisation, kept as the tracer recorded it (an Event set or waited
    on, a Barrier passed, a Lock or Semaphore acquired or released): a kind of
    ``records.MOMENTS``, in the process and thread that made it."""

    kind: str
    pid: int
    time: float
    thread: str | None
    fields: tuple[tuple[str, Any], ...]
    """The record's own fields (``records.KINDS[kind]``), as (name, value) pairs."""

    def get(self, name: str, default: Any = None) -> Any:
        """The value of one of the record's own fields."""
        return dict(self.fields).get(name, default)
