"""Checks of progress read from a pool: results consumed with ``imap_unordered`` while other tasks
still ran, each read once, and a progress line logged by the parent as each one arrived.

Read from the run: each ``next()`` of the iterator is a ``POOL_RESULT`` record with its time
(``PoolInfo.received_at``), each task a ``TASK`` record with when it ended in its worker, each
progress line a logging call with its process and time.  "While other tasks still ran" is a
value read in the parent before the last task ended in a worker: an order of recorded moments,
never a duration.
"""

from __future__ import annotations

import re
from collections import Counter

from pytest_mpkata.judge import progress_messages as says
from pytest_mpkata.judge.findings import Message, kind_of
from pytest_mpkata.judge.log_checks import logged_matching
from pytest_mpkata.judge.messages import TOO_FEW_WORKERS_BUSY
from pytest_mpkata.judge.pool_checks import tasks_overlapped
from pytest_mpkata.trace.facts import PoolInfo, TaskInfo
from pytest_mpkata.trace.model import RunResult

__all__ = ["progress_logged_as_read", "results_read_while_tasks_ran", "work_spread_over_workers"]

METHOD = "imap_unordered"
PROGRESS = r"done (\d+)/(\d+): (.*)"
"""A progress line: the count received so far, the total, the value just received."""


def _returned(result: RunResult) -> list[TaskInfo]:
    return [t for t in result.tasks if t.pid != result.main_pid and t.error is None]


def _reading_pool(result: RunResult) -> PoolInfo | None:
    return next((pool for pool in result.pools if METHOD in pool.calls), None)


def results_read_while_tasks_ran(result: RunResult) -> Message:
    """``imap_unordered``'s results were read, once each, the first before the last task ended."""
    tasks = _returned(result)
    if not tasks:
        return None
    pool = _reading_pool(result)
    if pool is None:
        used = next((call for pool in result.pools for call in pool.calls), "no method")
        return says.WRONG_POOL_METHOD.found(used=used, why=says.METHOD_WHY.get(used, ""))
    if not pool.received:
        return says.ITERATOR_NEVER_READ.found(count=len(tasks))
    if Counter(pool.received) != Counter(t.result for t in tasks):
        values = ", ".join(pool.received[:12])
        return says.READ_NOT_ONCE_EACH.found(read=len(pool.received), count=len(tasks), values=values)
    last = max(tasks, key=lambda task: task.ended)
    if pool.received_at and pool.received_at[0] >= last.ended:
        return says.READ_AFTER_ALL_ENDED.found(pid=last.pid)
    return None


def work_spread_over_workers(result: RunResult) -> Message:
    """At least two workers ran tasks, at the same time."""
    found = tasks_overlapped(result)
    if kind_of(found) == TOO_FEW_WORKERS_BUSY.kind:
        pids = {t.pid for t in result.tasks if t.pid != result.main_pid}
        return says.ONE_WORKER_DID_ALL.found(count=len(result.tasks), pid=min(pids, default=result.main_pid))
    return found


def _fields(message: str) -> tuple[str, str, str]:
    found = re.fullmatch(PROGRESS, message)
    return (found[1], found[2], found[3]) if found else ("", "", "")


def progress_logged_as_read(result: RunResult, example: str = "done 1/10: 42") -> Message:
    """The parent logged ``done k/N: value`` for the k-th value it read, before reading the next."""
    events = logged_matching(result, PROGRESS)
    if not events:
        return says.NO_PROGRESS_LINES.found(example=example)
    for event in events:
        if event.pid != result.main_pid:
            return says.PROGRESS_IN_WORKER.found(message=event.message, pid=event.pid, main=result.main_pid)
    pool = _reading_pool(result)
    reads = pool.received if pool else ()
    times = pool.received_at if pool else ()
    for number, event in enumerate(events, 1):
        count, total, value = _fields(event.message)
        facts = {"number": number, "message": event.message}
        if count != str(number) or total != str(len(_returned(result))):
            return says.PROGRESS_COUNT_WRONG.found(total=len(_returned(result)), **facts)
        if number > len(reads) or value != reads[number - 1]:
            shown = reads[number - 1] if number <= len(reads) else "nothing"
            return says.PROGRESS_VALUE_WRONG.found(value=shown, **facts)
        if number < len(times) and event.time > times[number]:
            return says.PROGRESS_NOT_LIVE.found(later=number + 1, message=event.message)
    return None
