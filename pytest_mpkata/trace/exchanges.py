"""Fold what processes said and passed each other: log calls, output lines, shared writes,
queue and pipe messages, shared Values, and moments of synchronisation.

The builder's ``RecordFolder`` hands these records to an ``ExchangeFolder`` of its own; its
handlers are in ``EXCHANGE_HANDLERS``.  Every kind of ``records.MOMENTS`` is folded by one
handler, ``on_moment``: a new moment needs nothing here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pytest_mpkata.run import records
from pytest_mpkata.trace.facts import (
    DroppedOutput,
    LogEvent,
    Moment,
    OutputLine,
    PipeEvent,
    QueueEvent,
    SharedWrite,
    ValueWrites,
)

__all__ = ["EXCHANGE_HANDLERS", "ExchangeFolder", "freeze"]


def freeze(value: Any) -> Any:
    """A JSON list as a tuple, so the frozen facts stay hashable."""
    return tuple(value) if isinstance(value, list) else value


class ExchangeFolder:
    """The records of exchanges, folded in order into lists of facts."""

    def __init__(self) -> None:
        self.logs: list[LogEvent] = []
        self.shared_writes: list[SharedWrite] = []
        self.output: list[OutputLine] = []
        self.dropped_output: dict[int, DroppedOutput] = {}
        self.queue_events: list[QueueEvent] = []
        self.pipe_events: list[PipeEvent] = []
        self.value_writes: list[ValueWrites] = []
        self.messages_dropped: dict[int, int] = {}
        self.moments: list[Moment] = []

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

    def on_shared_write(self, r: dict[str, Any]) -> None:
        self.shared_writes.append(
            SharedWrite(
                pid=r["pid"],
                index=r.get("index"),
                old=freeze(r.get("old")),
                new=freeze(r.get("new")),
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

    def add_queue_event(self, r: dict[str, Any], action: str) -> None:
        size = r.get("size") if isinstance(r.get("size"), int) else None
        item = str(r.get("item"))
        self.queue_events.append(QueueEvent(str(r["queue"]), r["pid"], action, item, r["t"], size))

    def on_queue_put(self, r: dict[str, Any]) -> None:
        self.add_queue_event(r, "put")

    def on_queue_get(self, r: dict[str, Any]) -> None:
        self.add_queue_event(r, "get")

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
                first_overwrite=freeze(r.get("first_overwrite")),
                last=freeze(r.get("last")),
                last_time=r.get("last_time"),
            )
        )

    def on_moment(self, r: dict[str, Any]) -> None:
        own = records.KINDS[r[records.KIND]]
        self.moments.append(
            Moment(
                kind=str(r[records.KIND]),
                pid=r["pid"],
                time=float(r["t"]),
                thread=r.get("thread"),
                fields=tuple((name, freeze(r.get(name))) for name in own),
            )
        )


Handler = Callable[[ExchangeFolder, dict[str, Any]], None]
EXCHANGE_HANDLERS: dict[str, Handler] = {
    records.LOG: ExchangeFolder.on_log,
    records.LOG_DROPPED: ExchangeFolder.on_log_dropped,
    records.SHARED_WRITE: ExchangeFolder.on_shared_write,
    records.OUTPUT: ExchangeFolder.on_output,
    records.OUTPUT_DROPPED: ExchangeFolder.on_output_dropped,
    records.QUEUE_PUT: ExchangeFolder.on_queue_put,
    records.QUEUE_GET: ExchangeFolder.on_queue_get,
    records.PIPE_SEND: ExchangeFolder.on_pipe_send,
    records.PIPE_RECV: ExchangeFolder.on_pipe_recv,
    records.PIPE_CLOSE: ExchangeFolder.on_pipe_close,
    records.MESSAGES_DROPPED: ExchangeFolder.on_messages_dropped,
    records.VALUE_WRITES: ExchangeFolder.on_value_writes,
    **dict.fromkeys(records.MOMENTS, ExchangeFolder.on_moment),
}
"""One method per record kind this folder owns; every moment kind shares ``on_moment``."""
