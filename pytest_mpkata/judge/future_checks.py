"""Checks of ``ProcessPoolExecutor`` futures: tasks submitted to worker processes, every outcome
read in the parent, in the order the tasks finished, the executor shut down.

Pure functions from a ``RunResult`` to ``None`` (pass) or a message.  Each rests on what the run
did: the ``TASK`` records in the workers, the values and errors the parent read
(``PoolInfo.received``, ``received_errors``), and the parent's moments of each future
(``FUTURE_DONE`` when its outcome arrived, ``FUTURE_WAIT`` when the program blocked on one not
done yet).  A read order is judged only where the moments prove it: a wait on one future while
another finished, never the order of two reads whose futures were both done.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from pytest_mpkata.judge import future_messages as says
from pytest_mpkata.judge.findings import Message
from pytest_mpkata.judge.messages import SHUTDOWN_NAMES
from pytest_mpkata.judge.pool_checks import pool_shut_down, used_process_pool
from pytest_mpkata.run import records
from pytest_mpkata.trace.facts import Moment, PoolInfo, TaskInfo
from pytest_mpkata.trace.model import RunResult

__all__ = ["every_future_read", "executor_of_processes", "executor_shut_down", "futures_read_as_completed"]

THREAD_EXECUTOR_WORKER = "concurrent.futures.thread."
SHUT_DOWN_ERROR = "after shutdown"
PICKLING = "pickl"
SHUT_DOWN_WAYS = ("context_manager", "shutdown")


def executor_of_processes(result: RunResult, workers: int | None = None) -> Message:
    """A ``ProcessPoolExecutor`` (of ``workers`` processes if given), not a ``ThreadPoolExecutor``."""
    if any((t.target or "").startswith(THREAD_EXECUTOR_WORKER) for t in result.threads) and not result.tasks:
        return says.THREAD_EXECUTOR.found(pid=result.main.pid)
    return used_process_pool(result, minimum=1, exact=workers)


def _executor(result: RunResult) -> PoolInfo | None:
    return next((p for p in result.process_pools if p.kind == "ProcessPoolExecutor"), None)


def _submitted(result: RunResult, pool: PoolInfo) -> list[TaskInfo]:
    main = result.main.pid
    return [t for t in result.tasks if t.pool == pool.key and t.method == "submit" and t.pid != main]


def _call(task: TaskInfo) -> str:
    """How a message names a call: ``slow_square(5)``, as the program wrote it."""
    args = task.args[:-2] + ")" if task.args.endswith(",)") else task.args
    return f"{task.func}{args}" if args.startswith("(") else f"{task.func}({args})"


def every_future_read(result: RunResult) -> Message:
    """Every submitted task ran in a worker, and the parent read each outcome from its future:
    the value with ``result()``, a raised exception with ``result()`` or ``exception()``."""
    pool = _executor(result)
    tasks = _submitted(result, pool) if pool else []
    if not tasks:
        return _no_task_ran(result, pool)
    values, errors = Counter(pool.received), Counter(pool.received_errors)  # type: ignore[union-attr]
    for task in sorted(tasks, key=lambda task: task.error is None):  # a lost exception first
        outcome = _outcome(task)
        read = errors if task.error else values
        if read[outcome] > 0:
            read[outcome] -= 1
            continue
        template = says.FAILURE_NOT_READ if task.error else says.RESULT_NOT_READ
        return template.found(
            call=_call(task), error=task.error, value=task.result, pid=task.pid, main=result.main.pid
        )
    return None


def _no_task_ran(result: RunResult, pool: PoolInfo | None) -> Message:
    failed = [str(m.get("error")) for m in result.moments_of(records.FUTURE_DONE) if m.get("error")]
    unpicklable = [error for error in failed if PICKLING in error.lower()]
    if unpicklable:
        return says.UNPICKLABLE_TASK.found(error=unpicklable[0])
    problem = executor_of_processes(result)
    if problem is not None:
        return problem
    calls = ", ".join(pool.calls) if pool and pool.calls else "no task"
    return says.NO_SUBMITTED_TASKS.found(calls=calls)


def _done_calls(result: RunResult, tasks: Sequence[TaskInfo]) -> dict[str, str]:
    """Each future's key -> the call whose outcome it received (``slow_square(5)``)."""
    left = list(tasks)
    calls: dict[str, str] = {}
    for done in result.moments_of(records.FUTURE_DONE):
        for task in left:
            if _outcome(task) == (done.get("error") or done.get("value")):
                calls[str(done.get("future"))] = _call(task)
                left.remove(task)
                break
    return calls


def _outcome(task: TaskInfo) -> str | None:
    return task.error or task.result


def futures_read_as_completed(result: RunResult) -> Message:
    """The parent submitted every task before it waited on any, and never waited on one future
    while another finished and its outcome sat unread (what ``as_completed`` avoids)."""
    pool = _executor(result)
    if pool is None:
        return every_future_read(result)
    calls = _done_calls(result, _submitted(result, pool))
    waits = [m for m in result.moments_of(records.FUTURE_WAIT) if m.get("pool") == pool.key]
    total = pool.calls.count("submit")
    for wait in waits:
        submitted = int(wait.get("submitted") or 0)
        if submitted < total:
            call = calls.get(str(wait.get("future")), "a task")
            return says.SERIALISED.found(main=wait.pid, call=call, submitted=submitted, total=total)
    for wait in waits:
        finished = _finished_during(result, wait)
        if finished is not None:
            waited = calls.get(str(wait.get("future")), "a task")
            return says.NOT_COMPLETION_ORDER.found(
                main=wait.pid, waited=waited, finished=calls.get(str(finished.get("future")), "another task")
            )
    return None


def _finished_during(result: RunResult, wait: Moment) -> Moment | None:
    """Another future whose outcome arrived while the program was blocked on ``wait``'s."""
    dones = result.moments_of(records.FUTURE_DONE)
    own = next((d for d in dones if d.get("future") == wait.get("future") and d.time >= wait.time), None)
    if own is None:
        return None
    return next(
        (d for d in dones if d.get("future") != wait.get("future") and wait.time < d.time < own.time), None
    )


def executor_shut_down(result: RunResult) -> Message:
    """The program shut its executor down (a ``with`` block or ``shutdown()``), and handed it no
    work after that."""
    for error in result.exceptions_in(result.main.pid):
        if SHUT_DOWN_ERROR in error.message:
            return says.USED_AFTER_SHUTDOWN.found(main=result.main.pid, error=error.summary)
    pool = _executor(result)
    if pool is None:
        return pool_shut_down(result, SHUT_DOWN_WAYS)
    if pool.shutdown not in SHUT_DOWN_WAYS:
        return says.EXECUTOR_NOT_SHUT_DOWN.found(how=SHUTDOWN_NAMES.get(pool.shutdown, pool.shutdown))
    return None
