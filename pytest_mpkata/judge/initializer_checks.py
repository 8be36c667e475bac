"""Checks of a Pool's initializer and of workers recycled by ``maxtasksperchild``.

Pure functions from a ``RunResult`` to ``None`` (pass) or a message.  Each rests on what the run
did: the tracer's ``POOL_INIT`` moments (an initializer call in the worker that made it, with the
module globals it set), the pool's ``TASK`` records (which worker ran which call), and the
test.log lines tied to the process whose logging call wrote them.  The workers themselves are
held to the kernel's account of the run by the cross-check every kata runs.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from pytest_mpkata.judge import initializer_messages as says
from pytest_mpkata.judge.findings import Message
from pytest_mpkata.judge.log_checks import logged_matching
from pytest_mpkata.judge.pool_checks import tasks_ran_in_workers
from pytest_mpkata.run import records
from pytest_mpkata.trace.facts import Moment, TaskInfo, short_name
from pytest_mpkata.trace.model import RunResult

__all__ = ["initializer_ran_once_per_worker", "tasks_used_worker_state", "workers_recycled"]


def _worker_tasks(result: RunResult) -> dict[int, list[TaskInfo]]:
    """The pool tasks each worker process ran, by pid, in the order they started."""
    ran: dict[int, list[TaskInfo]] = {}
    for task in result.tasks:
        if task.pid != result.main.pid:
            ran.setdefault(task.pid, []).append(task)
    return ran


def _inits(result: RunResult, pid: int | None = None) -> tuple[Moment, ...]:
    return result.moments_of(records.POOL_INIT, pid=pid)


def _pids(pids: Iterable[int]) -> str:
    return ", ".join(str(pid) for pid in sorted(pids))


def initializer_ran_once_per_worker(result: RunResult, initializer: str, setup_pattern: str) -> Message:
    """``initializer`` ran once in each worker that ran tasks, and the set-up it logs (a line
    matching ``setup_pattern``) happened once per worker, not once per task."""
    workers = _worker_tasks(result)
    if not workers:
        return tasks_ran_in_workers(result, 1)
    if not _inits(result):
        return says.NO_INITIALIZER.found(pids=_pids(workers), initializer=initializer)
    for pid, tasks in workers.items():
        inits = _inits(result, pid)
        if not inits:
            return says.INIT_MISSING_IN_WORKER.found(pid=pid, count=len(tasks), initializer=initializer)
        ran = short_name(str(inits[0].get("initializer"))) or "?"
        if ran != initializer:
            return says.WRONG_INITIALIZER.found(ran=ran, pid=pid, initializer=initializer)
    return _set_up_once(result, set(workers), initializer, setup_pattern)


def _set_up_once(result: RunResult, workers: set[int], initializer: str, setup_pattern: str) -> Message:
    set_ups = Counter(event.pid for event in logged_matching(result, setup_pattern))
    for pid in sorted(workers):
        if set_ups[pid] > len(_inits(result, pid)):
            lines = [e.message for e in logged_matching(result, setup_pattern) if e.pid == pid]
            shown = "; ".join(f'"{line}"' for line in lines[:3])
            count = set_ups[pid]
            return says.SET_UP_PER_TASK.found(pid=pid, count=count, lines=shown, initializer=initializer)
    return None


def workers_recycled(result: RunResult, tasks: int, per_worker: int) -> Message:
    """``tasks`` pool tasks ran in worker processes, none more than ``per_worker`` of them, so the
    pool started at least ``tasks / per_worker`` workers (``maxtasksperchild``)."""
    problem = tasks_ran_in_workers(result, tasks)
    if problem is not None:
        return problem
    workers = _worker_tasks(result)
    for pid, ran in workers.items():
        if len(ran) > per_worker:
            args = ", ".join(task.args for task in ran[:6])
            return says.TOO_MANY_TASKS.found(pid=pid, count=len(ran), args=args, limit=per_worker)
    needed = -(-tasks // per_worker)
    if len(workers) < needed:
        return says.FEWER_WORKERS.found(
            tasks=tasks, limit=per_worker, needed=needed, count=len(workers), pids=_pids(workers)
        )
    return None


def tasks_used_worker_state(result: RunResult, pattern: str) -> Message:
    """Each task's log line (matching ``pattern``, whose group ``state`` is the state it used),
    written in a worker, names a value that worker's own initializer set as a module global."""
    events = [e for e in logged_matching(result, pattern) if e.pid != result.main.pid]
    if not events:
        return says.STATE_NOT_LOGGED.found(pattern=f'"{pattern}"')
    for event in events:
        found = re.fullmatch(pattern, event.message)
        state = found.group("state") if found else ""
        problem = _state_problem(result, event.pid, event.message, state)
        if problem is not None:
            return problem
    return None


def _state_problem(result: RunResult, pid: int, line: str, state: str) -> Message:
    main = result.main.pid
    if re.search(rf"\b{main}\b", state):
        return says.STATE_FROM_PARENT.found(line=line, pid=pid, main=main)
    inits = _inits(result, pid)
    if not inits:
        return says.STATE_WITHOUT_INITIALIZER.found(pid=pid, line=line)
    init = inits[0]
    values = dict(init.get("set") or ())
    if state != "None" and any(repr(state) in str(value) or state == value for value in values.values()):
        return None
    initializer = short_name(str(init.get("initializer")))
    if init.get("returned") not in (None, "None"):
        return says.INIT_RETURNED_STATE.found(
            pid=pid, line=line, initializer=initializer, returned=init.get("returned")
        )
    if not values:
        return says.INIT_SET_NOTHING.found(pid=pid, line=line, initializer=initializer)
    shown = ", ".join(f"{name} = {value}" for name, value in values.items())
    return says.STATE_NOT_FROM_INITIALIZER.found(pid=pid, line=line, set=shown)
