"""Checks for the course's own questions, as they are worded: print or log, any wording.

The katas are strict contracts (exact lines in ``test.log``); the course questions are not.
Q3 asks for a process, Q4 and Q5 for a pool of workers, Q6 for four processes that each
print a number.  These checks judge what the program did, from the trace: which processes
existed, who ran what, who printed or logged which line.  Pure, like every check.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Optional

from pytest_mpkata.judge.checks import ran_cleanly
from pytest_mpkata.judge.findings import Templates
from pytest_mpkata.judge.stops import stop_of
from pytest_mpkata.trace.facts import PoolInfo, ProcessInfo, TaskInfo
from pytest_mpkata.trace.model import RunResult

__all__ = [
    "a_child_process_ran",
    "attempt_rank",
    "four_processes_joined",
    "four_processes_reported_different_numbers",
    "four_started_together_then_joined",
    "pool_shut_down_by_the_program",
    "pool_workers_did_the_work",
]

Message = Optional[str]

NO_PROCESS = (
    "Your answer created no child process with `multiprocessing.Process`{evidence}. Create one "
    "with `multiprocessing.Process(target=your_function)`, `start()` it, then `join()` it."
)
CHILD_FAILED = "{label} running `{target}` did not finish its work: {what}. Fix that error in `{target}`."
CHILD_NOT_JOINED = (
    "Your answer started {label} but never joined it: call `join()` on it, so the parent waits "
    "for it instead of leaving it to the interpreter's exit."
)
NO_POOL = (
    "Your answer used no pool of worker processes{evidence}. Create one with "
    "`multiprocessing.Pool(processes=...)` (or `concurrent.futures.ProcessPoolExecutor`) and "
    "hand it work with `map(...)`."
)
THREAD_POOL = (
    "Your answer used a {kind}: its workers are threads inside the main process (pid {pid}), not "
    "processes. Use `multiprocessing.Pool` instead."
)
POOL_RAN_NOTHING = "Your pool ran no task: call `pool.map(your_function, items)` so its workers do the work."
TASKS_IN_PARENT = (
    "`{function}` ran in the main process (pid {pid}), not in the pool's workers: pass the function "
    "to `pool.map(...)` instead of calling it yourself."
)
TASK_FAILED = "`{function}{args}` raised {error} in worker pid {pid}. Fix `{function}`."
RESULTS_NOT_RECEIVED = "The pool's workers computed {computed}, but the parent received {received}. {fix}"
READ_MAP = "Use the list that `pool.map(...)` returns (or call `.get()` on each `apply_async(...)` result)."
READ_IMAP = (
    "Iterate over what `pool.{method}(...)` returns, e.g. `for value in pool.{method}(...):`: "
    "its results reach the parent only as the loop reads them."
)
READ_FUTURES = (
    "Call `.result()` on each future that `executor.submit(...)` returns (or that `as_completed(...)` "
    "yields), or iterate over what `executor.map(...)` returns."
)
POOL_LEFT_OPEN = (
    "Your pool was never shut down ({how}): use it in a `with multiprocessing.Pool(...) as pool:` "
    "block, or call `pool.close()` then `pool.join()`, instead of leaving it to the interpreter's exit."
)
EXECUTOR_LEFT_OPEN = (
    "Your `ProcessPoolExecutor` was never shut down: use it in a `with ProcessPoolExecutor(...) as "
    "executor:` block, or call `executor.shutdown()`, instead of leaving it to the interpreter's exit."
)
EXECUTOR = "ProcessPoolExecutor"
SHUTDOWN_NAMES = {
    "close_only": "`close()` without `join()`",
    "never": "no `close()`, `join()` or `with` block",
}
NOT_FOUR_PROCESSES = (
    "Q6 asks for 4 processes; your answer created {count} child process{plural} with "
    "`multiprocessing.Process`{detail}. Create exactly four, one per number."
)
POOL_IS_NOT_FOUR_PROCESSES = (
    ' (a pool\'s workers are not "4 processes": which worker prints which number is up to the pool)'
)
SILENT_PROCESS = (
    "{label} printed or logged no number. Each process must print its own number, e.g. "
    "`print(number)` in the function it runs."
)
SAME_NUMBER = (
    "{labels} all reported the number {number}: each process must print a different number. "
    "Pass each process its own number with `args=(n,)`."
)
STARTED_ONE_AT_A_TIME = (
    "Your answer joined {joined} before starting {started}, so the processes ran one after another. "
    "That answers Q6 as it is worded; starting all four first, then joining them all, is what lets "
    "them run at the same time."
)
NUMBER = re.compile(r"-?\d+")
ITERATOR_CALLS = ("imap", "imap_unordered")

_found = Templates(globals())


# --- Q3: a process ----------------------------------------------------------------------------


def a_child_process_ran(result: RunResult) -> Message:
    """A ``multiprocessing.Process`` child ran its target to completion, started and joined by the parent."""
    children = _children(result)
    if not children:
        return _found(NO_PROCESS, evidence=_evidence_without_processes(result))
    finished = [p for p in children if p.exitcode == 0 and p.ended is not None]
    if not finished:
        child = children[0]
        return _found(
            CHILD_FAILED, label=child.label, target=child.target or "run", what=_what_failed(result, child)
        )
    unjoined = [p for p in finished if p.joined_by is None]
    if len(unjoined) == len(finished):
        return _found(CHILD_NOT_JOINED, label=unjoined[0].label)
    return None


def _children(result: RunResult) -> list[ProcessInfo]:
    """The processes the main process made with ``multiprocessing.Process``."""
    return [p for p in result.children_of(result.main) if p.role == "child"]


def _evidence_without_processes(result: RunResult) -> str:
    if result.learner_threads:
        thread = result.learner_threads[0]
        return f" (`{thread.target}` ran in a thread, {thread.name}, inside the main process)"
    if result.process_pools:
        return " (a pool's workers are not a process you created)"
    if result.forked_processes:
        return f" (pid {result.forked_processes[0].pid} was made with `os.fork()`)"
    return ""


def _what_failed(result: RunResult, child: ProcessInfo) -> str:
    errors = result.exceptions_in(child.pid)
    if errors:
        return errors[0].summary
    if child.exitcode is None:
        return "it was still running when the program ended"
    return f"it ended with exit code {child.exitcode}"


# --- Q4 and Q5: a pool of workers ----------------------------------------------------------------


def pool_workers_did_the_work(result: RunResult) -> Message:
    """A process pool's workers ran the tasks without error, and the parent received their results."""
    pool = _process_pool(result)
    if pool is None:
        return _no_process_pool(result)
    tasks = [t for t in result.tasks if t.pool == pool.key]
    if not tasks:
        return _found(POOL_RAN_NOTHING)
    in_parent = [t for t in tasks if t.pid == result.main.pid]
    if in_parent:
        return _found(TASKS_IN_PARENT, function=in_parent[0].func, pid=result.main.pid)
    failed = [t for t in tasks if t.error]
    if failed:
        task = failed[0]
        return _found(
            TASK_FAILED, function=task.func, args=_call_args(task.args), error=task.error, pid=task.pid
        )
    return _results_received(result, pool, tasks)


def _process_pool(result: RunResult) -> Optional[PoolInfo]:
    used = [p for p in result.process_pools if p.calls]
    return used[0] if used else (result.process_pools[0] if result.process_pools else None)


def _no_process_pool(result: RunResult) -> str:
    threads = [p for p in result.pools if not p.uses_processes]
    if threads:
        return _found(THREAD_POOL, kind=threads[0].kind, pid=threads[0].owner)
    children = result.children_of(result.main)
    evidence = f" ({len(children)} processes started one by one are not a pool)" if children else ""
    return _found(NO_POOL, evidence=evidence)


def _call_args(args: str) -> str:
    text = args if args.startswith("(") else f"({args})"
    return text[:-2] + ")" if text.endswith(",)") else text


def _results_received(result: RunResult, pool: PoolInfo, tasks: Sequence[TaskInfo]) -> Message:
    """What the parent read from the pool holds what the workers' calls returned.

    The tracer records each value as the program reads it (``get()``, each ``next()`` of an
    ``imap`` or ``executor.map`` iterator, each future's ``result()``), so results the parent
    never read, and values it recomputed itself, are not received.  When the tracer's bound on
    exchanges dropped records, having read any result is enough.
    """
    computed = Counter(t.result for t in tasks if t.result is not None)
    received = Counter(pool.received)
    if not computed - received or (received and result.messages_dropped):
        return None
    shown = _shown(received) if received else "nothing"
    return _found(RESULTS_NOT_RECEIVED, computed=_shown(computed), received=shown, fix=_how_to_read(pool))


def _how_to_read(pool: PoolInfo) -> str:
    if pool.kind == EXECUTOR:
        return READ_FUTURES
    iterators = [call for call in pool.calls if call in ITERATOR_CALLS]
    return READ_IMAP.format(method=iterators[0]) if iterators else READ_MAP


def _shown(values: Counter[str]) -> str:
    items = sorted(str(v) for v in values.elements())
    return "[" + ", ".join(items[:10]) + (", ..." if len(items) > 10 else "") + "]"


def pool_shut_down_by_the_program(result: RunResult) -> Message:
    """Every process pool was shut down by the program (close+join, ``with``, ``shutdown()``)."""
    for pool in result.process_pools:
        if pool.shutdown in ("close_join", "context_manager", "shutdown", "terminate"):
            continue
        if pool.kind == EXECUTOR:
            return _found(EXECUTOR_LEFT_OPEN)
        return _found(POOL_LEFT_OPEN, how=SHUTDOWN_NAMES.get(pool.shutdown, pool.shutdown))
    return None if result.process_pools else _no_process_pool(result)


# --- Q6: four processes, four numbers ------------------------------------------------------------


def four_processes_reported_different_numbers(result: RunResult) -> Message:
    """Exactly four explicit child processes, each printed or logged a number, all different."""
    children = _children(result)
    if len(children) != 4:
        plural = "" if len(children) == 1 else "es"
        return _found(NOT_FOUR_PROCESSES, count=len(children), plural=plural, detail=_pool_detail(result))
    numbers = {child.pid: _numbers_reported(result, child.pid) for child in children}
    silent = [child for child in children if not numbers[child.pid]]
    if silent:
        return _found(SILENT_PROCESS, label=silent[0].label)
    return _different_numbers(children, numbers)


def _pool_detail(result: RunResult) -> str:
    return POOL_IS_NOT_FOUR_PROCESSES if result.process_pools else ""


def _numbers_reported(result: RunResult, pid: int) -> list[str]:
    """The numbers a process printed (stdout) or logged, in order: print and logging count alike."""
    lines = [line.text for line in result.output_of(pid, "stdout")]
    lines += [event.message for event in result.logs if event.pid == pid]
    return [number for line in lines for number in NUMBER.findall(line)]


def _different_numbers(children: Sequence[ProcessInfo], numbers: dict[int, list[str]]) -> Message:
    """Each child has a number of its own: choose one per child so that all four differ."""
    chosen: dict[int, str] = {}
    for child in sorted(children, key=lambda p: len(set(numbers[p.pid]))):
        free = [n for n in numbers[child.pid] if n not in chosen.values()]
        if not free:
            number = numbers[child.pid][0]
            same = [c.label for c in children if number in numbers[c.pid]]
            return _found(SAME_NUMBER, labels=", ".join(same[:4]), number=number)
        chosen[child.pid] = free[0]
    return None


def four_processes_joined(result: RunResult) -> Message:
    """Every child process was joined; one at a time answers the question as worded (Q6)."""
    children = _children(result)
    if not children:
        return _found(NOT_FOUR_PROCESSES, count=0, plural="es", detail=_pool_detail(result))
    unjoined = [p for p in children if p.joined_by is None]
    if unjoined:
        return _found(CHILD_NOT_JOINED, label=unjoined[0].label)
    return None


def four_started_together_then_joined(result: RunResult) -> Message:
    """All children were started before the first join: advice for Q6, which does not ask for it."""
    children = _children(result)
    joined = [p for p in children if p.joined_at is not None]
    if not joined or result.all_started_before_first_join(children):
        return None
    first = min(joined, key=lambda p: p.joined_at or 0)
    late = [p.label for p in children if (p.start_called or 0) > (first.joined_at or 0)]
    return _found(STARTED_ONE_AT_A_TIME, joined=first.label, started=", ".join(late[:3]))


# --- Several attempts at one question ---------------------------------------------------------------


def attempt_rank(result: RunResult) -> int:
    """How far an attempt gets: the course checks it passes, -1 for a stopped run; the best attempt counts.

    The checks of every question count: attempts at one question differ only in its own.
    A check that raises counts as not passed.
    """
    if stop_of(result) is not None:
        return -1
    ranking: tuple[Callable[[RunResult], Message], ...] = (
        ran_cleanly,
        a_child_process_ran,
        pool_workers_did_the_work,
        pool_shut_down_by_the_program,
        four_processes_reported_different_numbers,
        four_processes_joined,
    )
    return sum(_passes(check, result) for check in ranking)


def _passes(check: Callable[[RunResult], Message], result: RunResult) -> bool:
    try:
        return check(result) is None
    except Exception:  # ranking only: the item's own check reports a grader error
        return False
