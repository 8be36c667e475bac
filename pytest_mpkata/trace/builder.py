"""Fold a run's raw trace records, in order, into the typed ``RunResult`` model.

Kept apart from ``model.py`` (the model and its queries) so that each side stays readable:
this module reads the record format that ``records.py`` defines, the model knows nothing of
it.  ``HANDLERS`` names one ``RecordFolder`` method per record kind of the schema.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import fields
from typing import Any

from pytest_mpkata.run import records
from pytest_mpkata.run.runner import RawRun
from pytest_mpkata.trace.evidence import Evidence, Forgery, Tampering, kernel_processes, kernel_writes
from pytest_mpkata.trace.model import (
    HELPER_MARKERS,
    POOL_WORKER_TARGETS,
    DroppedOutput,
    ExceptionInfo,
    LogEvent,
    LogLine,
    OutputLine,
    PipeEvent,
    PoolInfo,
    ProcessInfo,
    QueueEvent,
    RunResult,
    SharedValue,
    SharedWrite,
    TaskInfo,
    ThreadInfo,
    ValueWrites,
    short_name,
)

LOG_LINE = re.compile(r"^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3}) ?(.*)$")


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


class RecordFolder:
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
        self.output: list[OutputLine] = []
        self.dropped_output: dict[int, DroppedOutput] = {}
        self.tracer_errors: list[str] = []
        self.truncated = False
        self.queue_events: list[QueueEvent] = []
        self.pipe_events: list[PipeEvent] = []
        self.value_writes: list[ValueWrites] = []
        self.messages_dropped: dict[int, int] = {}
        self.forgeries: list[Forgery] = []
        self.tampering: list[Tampering] = []
        self.spans: dict[int, list[float]] = {}

    def build(self) -> RunResult:
        for record in self.raw.trace:
            self.note_sender(record)
            if self.after_the_stop(record):
                continue
            handler = HANDLERS.get(str(record.get(records.KIND)))
            if handler is not None:
                try:
                    handler(self, record)
                except (KeyError, TypeError, ValueError):
                    continue
        return self.result()

    def after_the_stop(self, record: dict[str, Any]) -> bool:
        """A record written while the supervisor was killing a stopped program (a pool's
        handler noting its dying workers, say): how many such records there are depends on how
        fast the kill went, so none of them may decide a verdict.  A grade stays the same
        however far the stopped program got."""
        stopped_at = self.raw.stopped_at
        moment = record.get(records.TIME)
        return stopped_at is not None and isinstance(moment, (int, float)) and moment > stopped_at

    def note_sender(self, record: dict[str, Any]) -> None:
        """Hold the record's claimed pid to the sender the kernel stamped on it, and note when
        each sender spoke (every kind alike, so a new kind needs nothing here)."""
        sender = record.get(records.SENDER)
        if not isinstance(sender, int):
            return
        if record.get(records.PID) != sender:
            self.forgeries.append(Forgery(str(record.get(records.KIND)), record.get(records.PID), sender))
        moment = record.get(records.TIME)
        if isinstance(moment, (int, float)):
            span = self.spans.setdefault(sender, [float(moment), float(moment)])
            span[0], span[1] = min(span[0], moment), max(span[1], moment)

    def evidence(self) -> Evidence:
        raw = self.raw
        return Evidence(
            observer=raw.observer,
            channel=raw.channel,
            processes=kernel_processes(raw.kernel_processes),
            forgeries=tuple(self.forgeries),
            tampering=tuple(self.tampering),
            junk=raw.junk,
            spans=tuple((pid, first, last) for pid, (first, last) in self.spans.items()),
            writes_watched=raw.writes_watched,
            output=raw.output,
            writes=kernel_writes(raw.writes),
        )

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
                "received": [],
            },
        )

    # one method per record kind ------------------------------------------------

    def on_interp(self, r: dict[str, Any]) -> None:
        self.facts[r["pid"]].update(ppid=r.get("ppid"), argv=r.get("argv"), began=r["t"])
        if isinstance(r.get("cpu"), (int, float)):
            self.facts[r["pid"]]["startup_cpu"] = float(r["cpu"])

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
        if r.get("creator") is not None:
            self.facts[r["pid"]].setdefault("started_by", r["creator"])

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

    def on_terminate(self, r: dict[str, Any]) -> None:
        self.facts[r["child"]].setdefault("terminated_by", r["pid"])

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
        pool = self.pool_of(r["pool"])
        pool["calls"].append(r.get("method", "?"))
        pool.setdefault("first_call_cpu", r.get("cpu"))

    def on_pool_result(self, r: dict[str, Any]) -> None:
        self.pool_of(r["pool"])["received"].append(str(r.get("value")))

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
                cpu=r.get("cpu"),
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

    def on_thread_join(self, r: dict[str, Any]) -> None:
        for (pid, ident, _), begun in self.threads.items():
            if pid == r["pid"] and ident == str(r.get("ident")) and "joined_at" not in begun:
                begun["joined_at"] = r.get("called", r["t"])
                return

    def on_log(self, r: dict[str, Any]) -> None:
        self.add_log(r, dropped=False)

    def on_log_dropped(self, r: dict[str, Any]) -> None:
        self.add_log(r, dropped=True)

    def add_log(self, r: dict[str, Any], dropped: bool) -> None:
        """A log call; a dropped one (level too low, logging unconfigured) went nowhere."""
        self.logs.append(
            LogEvent(
                pid=r["pid"],
                process_name=r.get("pname") or "?",
                level=r.get("level", 20),
                message=r.get("message", ""),
                time=r["t"] if dropped else r.get("created", r["t"]),
                destinations=() if dropped else tuple(r.get("to") or ()),
                dropped=dropped,
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
                fatal=r.get(records.FATAL_FIELD),
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

    def on_output(self, r: dict[str, Any]) -> None:
        self.output.append(
            OutputLine(
                pid=r["pid"],
                stream=r.get("stream", "stdout"),
                text=r.get("text", ""),
                time=r["t"],
                process_name=r.get("pname"),
                thread=r.get("thread"),
            )
        )

    def on_output_dropped(self, r: dict[str, Any]) -> None:
        """A process counts what it drops as it goes: its last count is the largest."""
        seen = self.dropped_output.get(r["pid"])
        if seen is None or r.get("lines", 0) >= seen.lines:
            self.dropped_output[r["pid"]] = DroppedOutput(r["pid"], r.get("lines", 0), r.get("chars", 0))

    def on_tracer_error(self, r: dict[str, Any]) -> None:
        self.tracer_errors.append(f"{r.get('module')}: {r.get('message')}")

    def on_truncated(self, r: dict[str, Any]) -> None:
        self.truncated = True

    def on_tampering(self, r: dict[str, Any]) -> None:
        self.tampering.append(Tampering(r["pid"], str(r["event"]), str(r["detail"]), str(r.get("line"))))

    def on_cpu_time(self, r: dict[str, Any]) -> None:
        self.facts[r["pid"]]["cpu_time"] = float(r["process"])

    def on_queue_put(self, r: dict[str, Any]) -> None:
        self.queue_events.append(QueueEvent(str(r["queue"]), r["pid"], "put", str(r.get("item")), r["t"]))

    def on_queue_get(self, r: dict[str, Any]) -> None:
        self.queue_events.append(QueueEvent(str(r["queue"]), r["pid"], "get", str(r.get("item")), r["t"]))

    def add_pipe_event(self, r: dict[str, Any], action: str) -> None:
        item = str(r.get("item")) if action != "close" else ""
        self.pipe_events.append(PipeEvent(str(r["pipe"]), int(r["end"]), r["pid"], action, item, r["t"]))

    def on_pipe_send(self, r: dict[str, Any]) -> None:
        self.add_pipe_event(r, "send")

    def on_pipe_recv(self, r: dict[str, Any]) -> None:
        self.add_pipe_event(r, "recv")

    def on_pipe_close(self, r: dict[str, Any]) -> None:
        self.add_pipe_event(r, "close")

    def on_messages_dropped(self, r: dict[str, Any]) -> None:
        self.messages_dropped[r["pid"]] = int(r["count"])

    def on_value_writes(self, r: dict[str, Any]) -> None:
        self.value_writes.append(
            ValueWrites(
                value=str(r["value"]),
                pid=r["pid"],
                writes=int(r["writes"]),
                unlocked=int(r.get("unlocked") or 0),
                overwrote=int(r.get("overwrote") or 0),
                first_overwrite=_freeze(r.get("first_overwrite")),
                last=_freeze(r.get("last")),
                last_time=r.get("last_time"),
            )
        )

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
            output_lines=tuple(self.output),
            dropped_output=tuple(self.dropped_output.values()),
            tracer_errors=tuple(self.tracer_errors),
            limits=raw.request.limits,
            sandbox=raw.sandbox,
            queue_events=tuple(self.queue_events),
            pipe_events=tuple(self.pipe_events),
            value_writes=tuple(self.value_writes),
            messages_dropped=sum(self.messages_dropped.values()),
            evidence=self.evidence(),
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
                received=tuple(p["received"]),
                first_call_cpu=p.get("first_call_cpu"),
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
                joined_at=r.get("joined_at"),
            )
            for r in self.threads.values()
        )


PROCESS_FIELDS = {f.name for f in fields(ProcessInfo)} - {"pid", "role"}

Handler = Callable[[RecordFolder, dict[str, Any]], None]
HANDLERS: dict[str, Handler] = {
    records.INTERP: RecordFolder.on_interp,
    records.INTERP_END: RecordFolder.on_interp_end,
    records.FORK: RecordFolder.on_fork,
    records.BEGIN: RecordFolder.on_begin,
    records.END: RecordFolder.on_end,
    records.START: RecordFolder.on_start,
    records.START_FAILED: RecordFolder.on_start_failed,
    records.JOIN: RecordFolder.on_join,
    records.TERMINATE: RecordFolder.on_terminate,
    records.POOL: RecordFolder.on_pool,
    records.POOL_WORKERS: RecordFolder.on_pool_workers,
    records.POOL_CALL: RecordFolder.on_pool_call,
    records.POOL_RESULT: RecordFolder.on_pool_result,
    records.TASK: RecordFolder.on_task,
    records.POOL_CLOSE: RecordFolder.on_pool_close,
    records.POOL_JOIN: RecordFolder.on_pool_join,
    records.POOL_TERMINATE: RecordFolder.on_pool_terminate,
    records.POOL_EXIT: RecordFolder.on_pool_exit,
    records.POOL_SHUTDOWN: RecordFolder.on_pool_shutdown,
    records.THREAD_BEGIN: RecordFolder.on_thread_begin,
    records.THREAD_END: RecordFolder.on_thread_end,
    records.THREAD_JOIN: RecordFolder.on_thread_join,
    records.LOG: RecordFolder.on_log,
    records.LOG_DROPPED: RecordFolder.on_log_dropped,
    records.EXCEPTION: RecordFolder.on_exception,
    records.SHARED_WRITE: RecordFolder.on_shared_write,
    records.OUTPUT: RecordFolder.on_output,
    records.OUTPUT_DROPPED: RecordFolder.on_output_dropped,
    records.TRACER_ERROR: RecordFolder.on_tracer_error,
    records.TRUNCATED: RecordFolder.on_truncated,
    records.CPU_TIME: RecordFolder.on_cpu_time,
    records.QUEUE_PUT: RecordFolder.on_queue_put,
    records.QUEUE_GET: RecordFolder.on_queue_get,
    records.PIPE_SEND: RecordFolder.on_pipe_send,
    records.PIPE_RECV: RecordFolder.on_pipe_recv,
    records.PIPE_CLOSE: RecordFolder.on_pipe_close,
    records.MESSAGES_DROPPED: RecordFolder.on_messages_dropped,
    records.VALUE_WRITES: RecordFolder.on_value_writes,
    records.TAMPERING: RecordFolder.on_tampering,
}
"""One method per record kind of ``records.KINDS``: the builder's side of the schema."""


def _short_worker_targets() -> tuple[str | None, ...]:
    return tuple(short_name(target) for target in POOL_WORKER_TARGETS)


def _freeze(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def build_result(raw: RawRun) -> RunResult:
    """Build the typed model of one run from what the runner collected."""
    return RecordFolder(raw).build()
