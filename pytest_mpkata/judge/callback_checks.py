"""Checks of pool callbacks: results and errors came back to the parent through the callbacks the
program gave ``apply_async``, the tasks ran together, the callbacks stayed light, and the pool was
closed and joined before anything ended it.

Read from the run: the tracer records each task in the worker that ran it and each callback call
in the parent (``records.POOL_CALLBACK``), so a result is known to have reached a callback only
when a callback was handed the very value a worker returned.
"""

from __future__ import annotations

import re
from collections import Counter
from statistics import median

from pytest_mpkata.judge import callback_messages as says
from pytest_mpkata.judge.findings import Message, kind_of
from pytest_mpkata.judge.messages import NO_OVERLAP, NOT_BY_LOGGING, SHUTDOWN_NAMES
from pytest_mpkata.judge.pool_checks import tasks_overlapped
from pytest_mpkata.run import records
from pytest_mpkata.trace.facts import Moment, TaskInfo
from pytest_mpkata.trace.model import RunResult

__all__ = [
    "callbacks_stayed_light",
    "errors_reached_error_callback",
    "lines_logged_by_parent",
    "pool_closed_and_joined",
    "results_reached_callbacks",
    "tasks_ran_together",
]

LIGHT_CALLBACK_CPU = 0.02
"""CPU seconds any callback may use (logging a line costs a fraction of a millisecond)."""
HEAVY_SHARE = 0.5
"""A callback using at least this share of a typical task's CPU is doing the task's work again."""


def _worker_tasks(result: RunResult) -> list[TaskInfo]:
    return [task for task in result.tasks if task.pid != result.main_pid]


def _called(result: RunResult, handler: str) -> list[Moment]:
    return [m for m in result.moments_of(records.POOL_CALLBACK) if m.get("handler") == handler]


def results_reached_callbacks(result: RunResult) -> Message:
    """Every value a worker's task returned was handed to a ``callback`` in the parent."""
    returned = Counter(t.result for t in _worker_tasks(result) if t.error is None)
    submitted = sum(pool.calls.count("apply_async") for pool in result.pools)
    called = _called(result, "callback")
    read = sum(len(pool.received) for pool in result.pools)
    if not called and read:
        return says.RESULTS_READ_WITH_GET.found(pid=result.main_pid, count=read)
    if not called and (returned or submitted):
        ran = sum(returned.values())
        return says.NO_CALLBACK_RAN.found(submitted=submitted, ran=ran, pid=result.main_pid)
    lost = returned - Counter(m.get("value") for m in called)
    if lost:
        values = ", ".join(sorted(str(v) for v in lost.elements())[:8])
        count = sum(returned.values())
        return says.RESULTS_LOST.found(missing=sum(lost.values()), count=count, values=values)
    return None


def errors_reached_error_callback(result: RunResult) -> Message:
    """A task raised, and each exception a task raised was handed to an ``error_callback``."""
    failed = [t for t in _worker_tasks(result) if t.error is not None]
    if not failed:
        return says.NO_TASK_FAILED.found() if _worker_tasks(result) else None
    handled = Counter(m.get("error") for m in _called(result, "error_callback"))
    caught = Counter(error for pool in result.pools for error in pool.received_errors)
    for task in failed:
        error = task.error or ""
        facts = {"func": task.func, "args": task.args, "error": task.error, "pid": task.pid}
        if handled[error]:
            handled[error] -= 1
        elif caught[error]:
            return says.ERROR_READ_WITH_GET.found(**facts)
        else:
            return says.ERROR_VANISHED.found(**facts)
    return None


def tasks_ran_together(result: RunResult) -> Message:
    """Two workers ran tasks at the same time: nothing waited on one task before submitting the next."""
    found = tasks_overlapped(result)
    if kind_of(found) == NO_OVERLAP.kind:
        workers = ", ".join(str(pid) for pid in sorted({t.pid for t in _worker_tasks(result)}))
        return says.TASKS_SERIALISED_BY_GET.found(workers=workers)
    return found


def callbacks_stayed_light(result: RunResult) -> Message:
    """No callback used as much CPU as a task: the parent's result thread only records results."""
    costs = [t.cpu for t in _worker_tasks(result) if t.cpu is not None]
    if not costs:
        return None
    typical = median(costs)
    limit = max(LIGHT_CALLBACK_CPU, HEAVY_SHARE * typical)
    for moment in result.moments_of(records.POOL_CALLBACK):
        cpu = float(moment.get("cpu") or 0.0)
        if cpu >= limit:
            handed = moment.get("value") if moment.get("handler") == "callback" else moment.get("error")
            return says.CALLBACK_TOO_HEAVY.found(
                handler=moment.get("handler"), func=moment.get("func"), cpu=cpu, value=handed, task=typical
            )
    return None


def pool_closed_and_joined(result: RunResult) -> Message:
    """Each process pool was closed then joined before anything terminated it."""
    for pool in result.process_pools:
        events = pool.shutdown_events
        ended = next((i for i, event in enumerate(events) if event in ("terminate", "exit")), len(events))
        before = events[:ended]
        if "close" in before and "join" in before[before.index("close") :]:
            continue
        how = "terminate" if ended < len(events) and events[ended] == "terminate" else pool.shutdown
        return says.POOL_ENDED_BEFORE_CALLBACKS.found(how=SHUTDOWN_NAMES.get(how, how))
    return None


def lines_logged_by_parent(result: RunResult, pattern: str) -> Message:
    """Each test.log line matching ``pattern`` was logged, with ``logging``, by the main process."""
    for line in result.log_lines:
        if not re.fullmatch(pattern, line.message):
            continue
        event = result.writer_of(line)
        if event is None:
            return NOT_BY_LOGGING.found(number=line.number, message=line.message)
        if event.pid != result.main_pid:
            return says.LOGGED_IN_WORKER.found(message=line.message, pid=event.pid, main=result.main_pid)
    return None
