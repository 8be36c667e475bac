"""Checks of process pools: a pool of processes did the work, in parallel, and was shut down."""

from __future__ import annotations

from collections.abc import Sequence

from pytest_mpkata.judge import messages as says
from pytest_mpkata.judge.findings import Message
from pytest_mpkata.trace.facts import PoolInfo, TaskInfo
from pytest_mpkata.trace.model import RunResult

__all__ = [
    "main_did_not_redo_the_work",
    "pool_shut_down",
    "tasks_overlapped",
    "tasks_ran_in_workers",
    "used_process_pool",
]


# --- pools --------------------------------------------------------------------------


def used_process_pool(result: RunResult, minimum: int = 2, exact: int | None = None) -> Message:
    """A process pool (not threads) of the right size did the work."""
    pool = _main_pool(result)
    if pool is None:
        return _no_pool(result)
    if not pool.uses_processes:
        return says.THREAD_POOL.found(kind=pool.kind, pid=pool.owner)
    size = pool.size or len(pool.workers)
    if exact is not None and size != exact:
        return says.POOL_WRONG_SIZE.found(size=size, expected=exact)
    if size < minimum:
        return says.POOL_TOO_SMALL.found(size=size, plural="" if size == 1 else "es", minimum=minimum)
    return None


def _main_pool(result: RunResult) -> PoolInfo | None:
    used = [p for p in result.pools if p.calls] or list(result.pools)
    process_pools = [p for p in used if p.uses_processes]
    chosen = process_pools or used
    return chosen[0] if chosen else None


def _no_pool(result: RunResult) -> str:
    evidence = ""
    if result.learner_processes:
        evidence = f" (you started {len(result.learner_processes)} processes by hand instead)"
    elif result.learner_threads:
        evidence = " (you started threads instead)"
    return says.NO_POOL.found(evidence=evidence)


def tasks_ran_in_workers(result: RunResult, count: int, results: Sequence[object] | None = None) -> Message:
    """``count`` pool tasks ran in worker processes, not in main, returning ``results``."""
    problem = used_process_pool(result, minimum=1)
    if problem:
        return problem
    tasks = result.tasks
    main_pid = result.main.pid
    if not tasks:
        return says.NO_TASKS.found(ran=", ".join(result.pools[0].calls) or "no method")
    function = tasks[0].func
    if all(t.pid == main_pid for t in tasks):
        return says.TASKS_IN_MAIN.found(function=function, count=len(tasks), pid=main_pid)
    if len(tasks) != count:
        return says.WRONG_TASK_COUNT.found(function=function, count=len(tasks), expected=count)
    return _wrong_results(tasks, results)


def _wrong_results(tasks: Sequence[TaskInfo], expected: Sequence[object] | None) -> Message:
    if expected is None:
        return None
    got = sorted((t.result or "") for t in tasks)
    if got == sorted(repr(value) for value in expected):
        return None
    return says.WRONG_RESULTS.found(function=tasks[0].func, got=", ".join(got[:10]))


def pool_shut_down(result: RunResult, allowed: Sequence[str] = ("close_join", "context_manager")) -> Message:
    """Every process pool was shut down in one of the ``allowed`` ways."""
    for pool in result.process_pools:
        if pool.shutdown in allowed:
            continue
        if "close_join" in allowed and len(allowed) == 1 and pool.shutdown != "never":
            return says.POOL_NOT_CLOSE_JOIN.found(how=says.SHUTDOWN_NAMES.get(pool.shutdown, pool.shutdown))
        return says.POOL_NOT_SHUT_DOWN.found(how=says.SHUTDOWN_NAMES.get(pool.shutdown, pool.shutdown))
    return None if result.process_pools else _no_pool(result)


def tasks_overlapped(result: RunResult) -> Message:
    """At least two worker processes ran tasks at the same time."""
    tasks = [t for t in result.tasks if t.pid != result.main.pid]
    pids = {t.pid for t in tasks}
    if not tasks:  # no chunk ran anywhere: say that, not "all 0 chunks ran in one worker"
        ran = ", ".join(call for pool in result.pools for call in pool.calls) or "no method"
        return used_process_pool(result, minimum=1) or says.NO_TASKS.found(ran=ran)
    if len(pids) < 2:
        pid = next(iter(pids), result.main.pid)
        return says.TOO_FEW_WORKERS_BUSY.found(count=len(tasks), pid=pid)
    for first in tasks:
        for second in tasks:
            if first.pid != second.pid and first.started < second.ended and second.started < first.ended:
                return None
    return says.NO_OVERLAP.found(workers=", ".join(str(p) for p in sorted(pids)))


# --- the parent combines, the workers compute ---------------------------------------------

REDONE_SHARE = 0.5
"""The share of the pool's task CPU time that, spent by main before handing the pool its work or
after, means main did the work again.  A main that only starts up and combines results spends a
fraction of the tasks' CPU there (kata 07: about a third before, a few milliseconds after); one
that counts everything itself spends about as much as all the tasks together, sometimes a little
less: the same work costs more CPU time in four workers that share the cores with each other and
the machine's other work than in one process alone.  So the line is drawn halfway, never at the
tasks' own total, where that difference in contention would decide."""
MEASURABLE_WORK = 0.05
"""Task CPU seconds below which the comparison says nothing (the tasks were too quick)."""
POOL_SETUP_CPU = 0.05
"""CPU seconds main's own code may spend before its first pool call without doing any of the
work: importing multiprocessing and logging, making the pool (about 0.025 s here).  Starting
the interpreter is not counted at all (``startup_cpu``).  Work redone before the pool comes on
top, so "before" is held to ``POOL_SETUP_CPU`` plus ``REDONE_SHARE`` of the tasks."""


def main_did_not_redo_the_work(result: RunResult) -> Message:
    """The main process used far less CPU than the pool's tasks: it combined their results.

    Work redone before the first pool call shows as CPU spent before it beyond making the pool, work
    redone after it as CPU spent after it: either is at least ``REDONE_SHARE`` of the tasks' CPU.
    """
    workers, around = result.task_cpu_time(), result.main_cpu_around_pool()
    if around is None or workers < MEASURABLE_WORK:
        return None
    before, after = around
    if before < POOL_SETUP_CPU + REDONE_SHARE * workers and after < REDONE_SHARE * workers:
        return None
    count = len([t for t in result.tasks if t.pid != result.main.pid])
    spent = result.main.cpu_time or 0.0
    return says.MAIN_REDID_WORK.found(pid=result.main.pid, main=spent, workers=workers, count=count)
