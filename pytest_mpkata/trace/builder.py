"""Fold a run's raw trace records, in order, into the typed ``RunResult`` model.

Kept apart from ``model.py`` (the model and its queries) so that each side stays readable:
this module reads the record format that ``records.py`` defines, the model knows nothing of
it.  ``HANDLERS`` names one ``RecordFolder`` method per record kind of the schema.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import fields
from typing import Any

from pytest_mpkata.run import records
from pytest_mpkata.run.runner import RawRun
from pytest_mpkata.trace.assembly import parse_log, pool_infos, thread_infos
from pytest_mpkata.trace.evidence import Evidence, Forgery, Tampering, kernel_processes, kernel_writes
from pytest_mpkata.trace.exchanges import EXCHANGE_HANDLERS, ExchangeFolder, freeze
from pytest_mpkata.trace.facts import (
    HELPER_MARKERS,
    HELPER_TARGETS,
    POOL_WORKER_TARGETS,
    ExceptionInfo,
    ProcessInfo,
    SharedValue,
    TaskInfo,
    short_name,
)
from pytest_mpkata.trace.model import RunResult

__all__ = ["HANDLERS", "RecordFolder", "build_result"]


class RecordFolder:
    """Fold trace records, in order, into per-process, per-pool facts."""

    def __init__(self, raw: RawRun) -> None:
        self.raw = raw
        self.facts: dict[int, dict[str, Any]] = defaultdict(dict)
        self.pools: dict[str, dict[str, Any]] = {}
        self.tasks: list[TaskInfo] = []
        self.threads: dict[tuple[int, str, float], dict[str, Any]] = {}
        self.exceptions: list[ExceptionInfo] = []
        self.start_failures: list[dict[str, Any]] = []
        self.tracer_errors: list[str] = []
        self.truncated = False
        self.exchanges = ExchangeFolder()
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
                "received_errors": [],
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
        shared = tuple(SharedValue(s["arg"], s["kind"], freeze(s["value"])) for s in r["shared"])
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
        shared = tuple(SharedValue(s["arg"], s["kind"], freeze(s["value"])) for s in r["shared"])
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
        error = r.get("error")
        which = "received" if error is None else "received_errors"
        pool = self.pool_of(r["pool"])
        pool[which].append(str(r.get("value") if error is None else error))
        if error is None:
            pool.setdefault("received_at", []).append(float(r["t"]))

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

    def on_tracer_error(self, r: dict[str, Any]) -> None:
        self.tracer_errors.append(f"{r.get('module')}: {r.get('message')}")

    def on_truncated(self, r: dict[str, Any]) -> None:
        self.truncated = True

    def on_tampering(self, r: dict[str, Any]) -> None:
        self.tampering.append(Tampering(r["pid"], str(r["event"]), str(r["detail"]), str(r.get("line"))))

    def on_cpu_time(self, r: dict[str, Any]) -> None:
        self.facts[r["pid"]]["cpu_time"] = float(r["process"])

    # assembling ---------------------------------------------------------------

    def role(self, pid: int, facts: dict[str, Any]) -> str:
        if pid == self.raw.main_pid:
            return "main"
        if any(marker in (facts.get("argv") or "") for marker in HELPER_MARKERS):
            return "helper"
        if facts.get("target") in HELPER_TARGETS:
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
            pools=pool_infos(self.pools),
            tasks=tuple(sorted(self.tasks, key=lambda t: t.started)),
            threads=thread_infos(self.threads.values()),
            logs=tuple(self.exchanges.logs),
            exceptions=tuple(self.exceptions),
            shared_writes=tuple(self.exchanges.shared_writes),
            leftovers=raw.leftovers,
            killed=raw.killed,
            peak_processes=raw.peak_processes,
            workdir_files=raw.workdir_files,
            start_failures=tuple(self.start_failures),
            trace_truncated=self.truncated,
            output_lines=tuple(self.exchanges.output),
            dropped_output=tuple(self.exchanges.dropped_output.values()),
            tracer_errors=tuple(self.tracer_errors),
            limits=raw.request.limits,
            sandbox=raw.sandbox,
            queue_events=tuple(self.exchanges.queue_events),
            pipe_events=tuple(self.exchanges.pipe_events),
            value_writes=tuple(self.exchanges.value_writes),
            moments=tuple(self.exchanges.moments),
            blocks_left=raw.blocks_left,
            messages_dropped=sum(self.exchanges.messages_dropped.values()),
            evidence=self.evidence(),
        )


PROCESS_FIELDS = {f.name for f in fields(ProcessInfo)} - {"pid", "role"}

Handler = Callable[[RecordFolder, dict[str, Any]], None]


def _handed_to_exchanges(handler: Callable[[ExchangeFolder, dict[str, Any]], None]) -> Handler:
    return lambda folder, record: handler(folder.exchanges, record)


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
    records.EXCEPTION: RecordFolder.on_exception,
    records.TRACER_ERROR: RecordFolder.on_tracer_error,
    records.TRUNCATED: RecordFolder.on_truncated,
    records.CPU_TIME: RecordFolder.on_cpu_time,
    records.TAMPERING: RecordFolder.on_tampering,
    **{kind: _handed_to_exchanges(handler) for kind, handler in EXCHANGE_HANDLERS.items()},
}
"""One method per record kind of ``records.KINDS``: the builder's side of the schema."""


def _short_worker_targets() -> tuple[str | None, ...]:
    return tuple(short_name(target) for target in POOL_WORKER_TARGETS)


def build_result(raw: RawRun) -> RunResult:
    """Build the typed model of one run from what the runner collected."""
    return RecordFolder(raw).build()
