"""Turn a raw run (output, log file, trace records) into a typed ``RunResult``.

The model is plain frozen dataclasses plus queries named the way checks talk:
``result.children_of(result.main)``, ``result.pids_that_ran("square")``,
``result.all_started_before_first_join(children)``.  Nothing here starts a
process or judges a run.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from pytest_mpkata.runner import RawRun, RunLimits

LOG_LINE = re.compile(r"^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3}) ?(.*)$")
MAIN_MODULES = ("__main__.", "__mp_main__.")
POOL_WORKER_TARGETS = ("multiprocessing.pool.worker", "concurrent.futures.process._process_worker")
HELPER_MARKERS = ("resource_tracker", "forkserver import main", "semaphore_tracker")
INTERNAL_THREAD_PREFIXES = ("multiprocessing.", "concurrent.", "logging.", "threading.")
PROCESS_POOL_KINDS = ("Pool", "ProcessPoolExecutor")


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
    argv: str | None = None
    shared_before: tuple[SharedValue, ...] = ()
    shared_after: tuple[SharedValue, ...] = ()

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
    notes: tuple[str, ...] = field(default=())
    limits: RunLimits | None = None

    # --- how the run ended ------------------------------------------------

    @property
    def timed_out(self) -> bool:
        return self.reason == "timeout"

    @property
    def finished_normally(self) -> bool:
        return self.reason == "exited"

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
        """Processes still running after the main process had exited."""
        return self.leftovers

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

    # --- errors -----------------------------------------------------------

    @property
    def fatal_exceptions(self) -> tuple[ExceptionInfo, ...]:
        return tuple(e for e in self.exceptions if e.fatal)

    def shared_writes_by(self, pid: int) -> tuple[SharedWrite, ...]:
        return tuple(w for w in self.shared_writes if w.pid == pid)

    def exceptions_in(self, pid: int) -> tuple[ExceptionInfo, ...]:
        return tuple(e for e in self.exceptions if e.pid == pid)


def _names_function(qualified: str | None, function: str) -> bool:
    name = short_name(qualified)
    if name is None:
        return False
    return name == function or name.endswith("." + function)


# --- building the model from raw records ----------------------------------


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


class _Builder:
    """Fold trace records, in order, into per-process, per-pool facts."""

    def __init__(self, raw: RawRun) -> None:
        self.raw = raw
        self.facts: dict[int, dict[str, Any]] = defaultdict(dict)
        self.pools: dict[str, dict[str, Any]] = {}
        self.tasks: list[TaskInfo] = []
        self.threads: dict[tuple[int, str, float], dict[str, Any]] = {}
        self.logs: list[LogEvent] = []
        self.exceptions: list[ExceptionInfo] = []
        self.start_failures: list[dict[str, Any]] = []
        self.shared_writes: list[SharedWrite] = []
        self.truncated = False

    def build(self) -> RunResult:
        for record in self.raw.trace:
            handler = getattr(self, "on_" + str(record.get("ev")), None)
            if handler is not None:
                try:
                    handler(record)
                except (KeyError, TypeError, ValueError):
                    continue
        return self.result()

    def pool_of(self, key: str) -> dict[str, Any]:
        return self.pools.setdefault(
            key,
            {
                "kind": "Pool",
                "size": None,
                "owner": int(key.split(":")[0]),
                "created": 0.0,
                "workers": [],
                "calls": [],
                "shutdown": [],
            },
        )

    # one method per record kind ------------------------------------------------

    def on_interp(self, r: dict[str, Any]) -> None:
        self.facts[r["pid"]].update(ppid=r.get("ppid"), argv=r.get("argv"), began=r["t"])

    def on_interp_end(self, r: dict[str, Any]) -> None:
        self.facts[r["pid"]].setdefault("ended", r["t"])

    def on_fork(self, r: dict[str, Any]) -> None:
        self.facts[r["pid"]].update(ppid=r.get("ppid"), began=r["t"], forked=True)

    def on_begin(self, r: dict[str, Any]) -> None:
        shared = tuple(SharedValue(s["arg"], s["kind"], _freeze(s["value"])) for s in r["shared"])
        self.facts[r["pid"]].update(
            ppid=r.get("ppid"),
            name=r.get("name"),
            target=short_name(r.get("target")),
            args=r.get("args"),
            start_method=r.get("method"),
            began=r["t"],
            mp=True,
            shared_before=shared,
        )

    def on_end(self, r: dict[str, Any]) -> None:
        shared = tuple(SharedValue(s["arg"], s["kind"], _freeze(s["value"])) for s in r["shared"])
        self.facts[r["pid"]].update(ended=r["t"], exitcode=r.get("exitcode"), shared_after=shared)

    def on_start(self, r: dict[str, Any]) -> None:
        child = self.facts[r["child"]]
        child.update(started_by=r["pid"], start_called=r.get("called"), daemon=r.get("daemon"))
        child.setdefault("name", r.get("name"))
        child.setdefault("target", short_name(r.get("target")))
        child.setdefault("args", r.get("args"))
        child.setdefault("start_method", r.get("method"))
        child.setdefault("mp", True)

    def on_start_failed(self, r: dict[str, Any]) -> None:
        self.start_failures.append(r)

    def on_join(self, r: dict[str, Any]) -> None:
        child = self.facts[r["child"]]
        if r.get("exitcode") is not None:
            child["exitcode"] = r["exitcode"]
            child.setdefault("ended", r["t"])
            if not r.get("implicit"):
                child.setdefault("joined_by", r["pid"])
                child.setdefault("joined_at", r.get("called"))

    def on_pool(self, r: dict[str, Any]) -> None:
        pool = self.pool_of(r["pool"])
        pool.update(kind=r.get("kind", "Pool"), size=r.get("size"), created=r["t"])
        self.add_workers(r["pool"], r.get("workers") or [])

    def on_pool_workers(self, r: dict[str, Any]) -> None:
        self.add_workers(r["pool"], r.get("workers") or [])

    def add_workers(self, key: str, pids: Iterable[int | None]) -> None:
        pool = self.pool_of(key)
        for pid in pids:
            if pid is not None and pid not in pool["workers"]:
                pool["workers"].append(pid)
                self.facts[pid]["pool"] = key

    def on_pool_call(self, r: dict[str, Any]) -> None:
        self.pool_of(r["pool"])["calls"].append(r.get("method", "?"))

    def on_task(self, r: dict[str, Any]) -> None:
        self.tasks.append(
            TaskInfo(
                pool=r["pool"],
                method=r.get("method", "?"),
                func=short_name(r.get("func")) or "?",
                args=r.get("args", ""),
                pid=r["pid"],
                started=r.get("started", r["t"]),
                ended=r["t"],
                result=r.get("result"),
                error=r.get("error"),
            )
        )

    def shutdown_event(self, r: dict[str, Any], name: str) -> None:
        self.pool_of(r["pool"])["shutdown"].append(name)

    def on_pool_close(self, r: dict[str, Any]) -> None:
        self.shutdown_event(r, "close")

    def on_pool_join(self, r: dict[str, Any]) -> None:
        self.shutdown_event(r, "join")

    def on_pool_terminate(self, r: dict[str, Any]) -> None:
        self.shutdown_event(r, "terminate")

    def on_pool_exit(self, r: dict[str, Any]) -> None:
        self.shutdown_event(r, "exit")

    def on_pool_shutdown(self, r: dict[str, Any]) -> None:
        self.shutdown_event(r, "shutdown")

    def on_thread_begin(self, r: dict[str, Any]) -> None:
        self.threads[(r["pid"], str(r.get("ident")), r["t"])] = r

    def on_thread_end(self, r: dict[str, Any]) -> None:
        for (pid, ident, _), begun in self.threads.items():
            if pid == r["pid"] and ident == str(r.get("ident")) and "ended" not in begun:
                begun["ended"] = r["t"]
                return

    def on_log(self, r: dict[str, Any]) -> None:
        self.logs.append(
            LogEvent(
                pid=r["pid"],
                process_name=r.get("pname") or "?",
                level=r.get("level", 20),
                message=r.get("message", ""),
                time=r.get("created", r["t"]),
                destinations=tuple(r.get("to") or ()),
            )
        )

    def on_log_dropped(self, r: dict[str, Any]) -> None:
        self.logs.append(
            LogEvent(
                pid=r["pid"],
                process_name=r.get("pname") or "?",
                level=r.get("level", 20),
                message=r.get("message", ""),
                time=r["t"],
                destinations=(),
                dropped=True,
            )
        )

    def on_exception(self, r: dict[str, Any]) -> None:
        self.exceptions.append(
            ExceptionInfo(
                pid=r["pid"],
                where=r.get("where", "?"),
                type=r.get("type", "?"),
                message=r.get("message", ""),
                line=r.get("line"),
                fatal=r.get("fatal"),
            )
        )

    def on_shared_write(self, r: dict[str, Any]) -> None:
        self.shared_writes.append(
            SharedWrite(
                pid=r["pid"],
                index=r.get("index"),
                old=_freeze(r.get("old")),
                new=_freeze(r.get("new")),
                time=r["t"],
            )
        )

    def on_truncated(self, r: dict[str, Any]) -> None:
        self.truncated = True

    # assembling ---------------------------------------------------------------

    def role(self, pid: int, facts: dict[str, Any]) -> str:
        if pid == self.raw.main_pid:
            return "main"
        if any(marker in (facts.get("argv") or "") for marker in HELPER_MARKERS):
            return "helper"
        if facts.get("pool") or facts.get("target") in _short_worker_targets():
            return "pool_worker"
        if facts.get("mp"):
            return "child"
        if facts.get("forked"):
            return "forked"
        return "interpreter"

    def process_info(self, pid: int, facts: dict[str, Any]) -> ProcessInfo:
        role = self.role(pid, facts)
        if role == "main":
            facts = {**facts, "name": "MainProcess", "exitcode": self.raw.exit_code}
        values = {key: value for key, value in facts.items() if key in PROCESS_FIELDS}
        values["daemon"] = bool(values.get("daemon"))
        return ProcessInfo(pid=pid, role=role, **values)

    def result(self) -> RunResult:
        raw = self.raw
        processes = tuple(
            self.process_info(pid, facts)
            for pid, facts in sorted(
                self.facts.items(), key=lambda item: (item[1].get("began") or 0.0, item[0])
            )
        )
        return RunResult(
            script_name=raw.request.name,
            start_method=raw.request.start_method,
            reason=raw.reason,
            exit_code=raw.exit_code,
            duration=raw.duration,
            main_pid=raw.main_pid,
            stdout=raw.stdout,
            stderr=raw.stderr,
            stdout_size=raw.stdout_size,
            stderr_size=raw.stderr_size,
            log_exists=raw.log_text is not None,
            log_size=raw.log_size,
            log_path=raw.log_path,
            log_lines=parse_log(raw.log_text),
            processes=processes,
            pools=self.pool_infos(),
            tasks=tuple(sorted(self.tasks, key=lambda t: t.started)),
            threads=self.thread_infos(),
            logs=tuple(self.logs),
            exceptions=tuple(self.exceptions),
            shared_writes=tuple(self.shared_writes),
            leftovers=raw.leftovers,
            killed=raw.killed,
            peak_processes=raw.peak_processes,
            workdir_files=raw.workdir_files,
            start_failures=tuple(self.start_failures),
            trace_truncated=self.truncated,
            limits=raw.request.limits,
        )

    def pool_infos(self) -> tuple[PoolInfo, ...]:
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
            )
            for key, p in self.pools.items()
        )

    def thread_infos(self) -> tuple[ThreadInfo, ...]:
        return tuple(
            ThreadInfo(
                pid=r["pid"],
                name=r.get("name", "?"),
                target=short_name(r.get("target")),
                args=r.get("args", ""),
                began=r["t"],
                ended=r.get("ended"),
            )
            for r in self.threads.values()
        )


PROCESS_FIELDS = {f.name for f in fields(ProcessInfo)} - {"pid", "role"}


def _short_worker_targets() -> tuple[str | None, ...]:
    return tuple(short_name(target) for target in POOL_WORKER_TARGETS)


def _freeze(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def build_result(raw: RawRun) -> RunResult:
    """Build the typed model of one run from what the runner collected."""
    return _Builder(raw).build()
