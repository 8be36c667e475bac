"""Checks: pure functions from a ``RunResult`` to ``None`` (pass) or a message.

A message says what happened, with the run's pids and names, and what to
change.  Checks never start processes; the kata test files compose them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Optional

from pytest_mpkata.judge import diagnose
from pytest_mpkata.judge import messages as says
from pytest_mpkata.judge.findings import Templates
from pytest_mpkata.judge.stops import judges_the_stop, stop_of
from pytest_mpkata.trace.model import LogLine, PoolInfo, ProcessInfo, RunResult, TaskInfo

Message = Optional[str]

_found = Templates(vars(says))
"""Each template in ``judge/messages.py`` is a kind of finding (``NO_LOG_FILE`` -> ``no_log_file``)."""


# --- common to every kata ----------------------------------------------------


@judges_the_stop
def ran_cleanly(result: RunResult) -> Message:
    """The program ended by itself, exit 0, no process failed, nothing left running.

    A stopped run is explained by its root cause alone (``judge.stops``).
    """
    stop = stop_of(result)
    if stop is not None:
        return stop.explanation
    classic = diagnose.classic_error(result)
    if classic is not None:
        return classic.explanation
    return (
        diagnose.explain_exit(result)
        or _start_failure(result)
        or _crashed_child(result)
        or _left_running(result)
    )


def _start_failure(result: RunResult) -> Message:
    for failure in result.start_failures:
        return _found(
            says.START_FAILED,
            name=failure.get("name"),
            target=failure.get("target"),
            method=result.start_method,
            type=failure.get("type"),
            message=failure.get("message"),
        )
    return None


def _crashed_child(result: RunResult) -> Message:
    for process in result.processes:
        if process.role not in ("child", "pool_worker"):
            continue
        errors = result.exceptions_in(process.pid)
        if errors:
            return _found(
                says.CHILD_CRASHED, label=process.label, target=process.target, error=errors[0].summary
            )
    for process in result.crashed_processes:
        return _found(says.CHILD_EXIT_CODE, label=process.label, target=process.target, code=process.exitcode)
    return None


def _left_running(result: RunResult) -> Message:
    if not result.alive_at_exit:
        return None
    alive = ", ".join(_describe_leftover(result, left) for left in result.alive_at_exit[:5])
    return _found(says.LEFT_RUNNING, alive=alive)


def _describe_leftover(result: RunResult, left: dict[str, object]) -> str:
    pid = left.get("pid")
    process = result.process(pid) if isinstance(pid, int) else None
    if process is not None:
        return process.label
    return f"pid {pid} ({str(left.get('cmdline', ''))[:60]})"


# --- test.log ------------------------------------------------------------------


def log_has_lines(
    result: RunResult,
    expected: Sequence[str],
    *,
    ordered: bool = False,
    patterns: bool = False,
    exact: bool = False,
) -> Message:
    """test.log holds the expected messages (regexes if ``patterns``), each once.

    Other lines are allowed, unless ``exact``: then the expected lines are all it may hold
    (a kata that asks for that says so in its rules, ``exact_log = true`` in its kata.toml).
    """
    if not result.log_exists or not result.log_lines:
        return _missing_log(result, expected, patterns)
    unstamped = [line for line in result.log_lines if line.asctime is None]
    if unstamped:
        return _found(says.NO_TIMESTAMP, number=unstamped[0].number, text=unstamped[0].text[:80])
    found = list(result.log_messages)
    return _compare_lines(result, found, list(expected), ordered, patterns, exact)


def _missing_log(result: RunResult, expected: Sequence[str], patterns: bool) -> str:
    for line in result.stdout.splitlines():
        if any(_matches(line.strip(), want, patterns) for want in expected):
            return _found(says.PRINTED_NOT_LOGGED, line=line.strip())
    lost = _lost_child_log(result)
    return lost or says.NO_LOG_FILE


def _lost_child_log(result: RunResult) -> Message:
    for event in result.dropped_logs:
        process = result.process(event.pid)
        if process is not None and process.role != "main" and event.level >= 20:
            return _found(
                says.LOST_CHILD_LOGS,
                label=process.label,
                message=event.message,
                method=result.start_method,
            )
    return None


def _matches(message: str, wanted: str, patterns: bool) -> bool:
    return re.fullmatch(wanted, message) is not None if patterns else message == wanted


def _compare_lines(
    result: RunResult, found: list[str], expected: list[str], ordered: bool, patterns: bool, exact: bool
) -> Message:
    unmatched = list(found)
    missing = []
    for want in expected:
        hit = next((m for m in unmatched if _matches(m, want, patterns)), None)
        if hit is None:
            missing.append(want)
        else:
            unmatched.remove(hit)
    if missing:
        return _report_missing(result, missing, found, patterns)
    if unmatched:
        problem = _report_extra(unmatched, expected, patterns, exact)
        if problem:
            return problem
    asked = [m for m in found if any(_matches(m, want, patterns) for want in expected)]
    if ordered and not all(_matches(m, w, patterns) for m, w in zip(asked, expected)):
        return _found(says.WRONG_ORDER, expected=_quoted(expected, patterns), found=_quoted(asked, False))
    return None


def _report_missing(result: RunResult, missing: list[str], found: list[str], patterns: bool) -> str:
    lost = _lost_child_log(result)
    if lost:
        return lost
    return _found(
        says.MISSING_LINES, missing=_quoted(missing, patterns), found=_quoted(found, False) or "no lines"
    )


def _report_extra(unmatched: list[str], expected: list[str], patterns: bool, exact: bool) -> Message:
    """A line asked for once but logged again; with ``exact``, any line not asked for."""
    for line in unmatched:
        if any(_matches(line, want, patterns) for want in expected):
            count = 1 + sum(1 for other in expected if _matches(line, other, patterns))
            return _found(says.DUPLICATE_LINES, line=line, count=count)
    return _found(says.UNEXPECTED_LINES, extra=_quoted(unmatched, False)) if exact else None


def _quoted(lines: Sequence[str], patterns: bool) -> str:
    shown = [_readable_pattern(line) if patterns else repr(line) for line in lines[:6]]
    more = f" and {len(lines) - 6} more" if len(lines) > 6 else ""
    return ", ".join(shown) + more


def _readable_pattern(pattern: str) -> str:
    return repr(pattern.replace(r"(\d+)", "<pid>").replace(r"\d+", "<n>").replace("\\", ""))


# --- which process wrote which line -------------------------------------------------


def lines_written_by_children(
    result: RunResult, pattern: str, pid_in_line: bool = False, distinct: bool = True
) -> Message:
    """Each test.log line matching ``pattern`` was logged by a child process (distinct ones,
    unless ``distinct`` is False: then a child may log several)."""
    lines = [line for line in result.log_lines if re.fullmatch(pattern, line.message)]
    writers = []
    for line in lines:
        problem = _writer_problem(result, line, pattern if pid_in_line else None)
        if problem is not None:
            return problem
        event = result.writer_of(line)
        writers.append((line.message, event.pid if event else 0))
    return _same_writer(result, writers) if distinct else None


def _writer_problem(result: RunResult, line: LogLine, pid_pattern: str | None) -> Message:
    event = result.writer_of(line)
    if event is None:
        return _found(says.NOT_BY_LOGGING, number=line.number, message=line.message)
    process = result.process(event.pid)
    if process is None or process.role == "main":
        return _written_in_main(result, line.message, event.process_name)
    if process.role == "forked":
        return _found(says.WRITTEN_BY_FORK, message=line.message, pid=event.pid)
    if pid_pattern is not None:
        named = int(re.fullmatch(pid_pattern, line.message).group(1))  # type: ignore[union-attr]
        if named != event.pid:
            return _found(says.WRONG_PID_IN_LINE, message=line.message, label=process.label, named=named)
    return None


def _written_in_main(result: RunResult, message: str, process_name: str) -> str:
    threads = [t for t in result.learner_threads if t.pid == result.main.pid]
    if threads:
        return _found(says.WRITTEN_BY_THREAD, message=message, thread=threads[0].name, pid=result.main.pid)
    return _found(says.WRITTEN_BY_MAIN, message=message, label=result.main.label)


def _same_writer(result: RunResult, writers: list[tuple[str, int]]) -> Message:
    counts = Counter(pid for _, pid in writers)
    for pid, count in counts.items():
        if count > 1:
            messages = ", ".join(repr(m) for m, p in writers if p == pid)
            process = result.process(pid)
            return _found(says.SAME_WRITER, messages=messages, label=process.label if process else pid)
    return None


# --- processes ----------------------------------------------------------------------


def created_children(result: RunResult, expected: int) -> Message:
    """The main process created exactly ``expected`` children with multiprocessing."""
    children = result.children_of(result.main)
    if not children:
        return _found(says.NO_CHILDREN, evidence=_no_children_evidence(result))
    if len(children) != expected:
        labels = ", ".join(p.label for p in children[:6])
        return _found(says.WRONG_CHILD_COUNT, count=len(children), labels=labels, expected=expected)
    return None


def _no_children_evidence(result: RunResult) -> str:
    threads = result.learner_threads
    if threads:
        thread = threads[0]
        return _found(says.USED_THREADS, target=thread.target, name=thread.name, pid=thread.pid)
    if result.forked_processes:
        return _found(says.USED_FORK, pid=result.forked_processes[0].pid)
    return _found(says.RAN_IN_MAIN, pid=result.main.pid)


def started_together_then_joined(result: RunResult, expected: int) -> Message:
    """All children were started before the first join, and every one was joined."""
    children = result.children_of(result.main)
    problem = created_children(result, expected)
    if problem:
        return problem
    if not result.all_started_before_first_join(children):
        first_join = min((p for p in children if p.joined_at), key=lambda p: p.joined_at or 0)
        late = [p for p in children if (p.start_called or 0) > (first_join.joined_at or 0)]
        return _found(
            says.NOT_STARTED_TOGETHER,
            joined=first_join.label,
            started=", ".join(p.label for p in late[:4]),
        )
    return all_joined(result, children)


def all_joined(result: RunResult, processes: Sequence[ProcessInfo]) -> Message:
    """The parent called ``join()`` on each of these processes."""
    unjoined = [p for p in processes if p.joined_by is None]
    if unjoined:
        return _found(says.NOT_JOINED, labels=", ".join(p.label for p in unjoined[:6]))
    return None


def joined_before_logging(result: RunResult, message_pattern: str) -> Message:
    """The parent joined every child before logging the line matching ``message_pattern``."""
    children = result.children_of(result.main)
    unjoined = all_joined(result, children)
    if unjoined:
        return unjoined
    events = [e for e in result.logs_to_file if re.fullmatch(message_pattern, e.message)]
    if not events:
        return None
    logged_at = events[0].time
    for child in children:
        if child.joined_at is not None and child.joined_at > logged_at:
            return _found(says.LOGGED_BEFORE_JOIN, message=events[0].message, label=child.label)
    return None


# --- pools --------------------------------------------------------------------------


def used_process_pool(result: RunResult, minimum: int = 2, exact: int | None = None) -> Message:
    """A process pool (not threads) of the right size did the work."""
    pool = _main_pool(result)
    if pool is None:
        return _no_pool(result)
    if not pool.uses_processes:
        return _found(says.THREAD_POOL, kind=pool.kind, pid=pool.owner)
    size = pool.size or len(pool.workers)
    if exact is not None and size != exact:
        return _found(says.POOL_WRONG_SIZE, size=size, expected=exact)
    if size < minimum:
        return _found(says.POOL_TOO_SMALL, size=size, plural="" if size == 1 else "es", minimum=minimum)
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
    return _found(says.NO_POOL, evidence=evidence)


def tasks_ran_in_workers(result: RunResult, count: int, results: Sequence[object] | None = None) -> Message:
    """``count`` pool tasks ran in worker processes, not in main, returning ``results``."""
    problem = used_process_pool(result, minimum=1)
    if problem:
        return problem
    tasks = result.tasks
    main_pid = result.main.pid
    if not tasks:
        return _found(says.NO_TASKS, ran=", ".join(result.pools[0].calls) or "no method")
    function = tasks[0].func
    if all(t.pid == main_pid for t in tasks):
        return _found(says.TASKS_IN_MAIN, function=function, count=len(tasks), pid=main_pid)
    if len(tasks) != count:
        return _found(says.WRONG_TASK_COUNT, function=function, count=len(tasks), expected=count)
    return _wrong_results(tasks, results)


def _wrong_results(tasks: Sequence[TaskInfo], expected: Sequence[object] | None) -> Message:
    if expected is None:
        return None
    got = sorted((t.result or "") for t in tasks)
    if got == sorted(repr(value) for value in expected):
        return None
    return _found(says.WRONG_RESULTS, function=tasks[0].func, got=", ".join(got[:10]))


def pool_shut_down(result: RunResult, allowed: Sequence[str] = ("close_join", "context_manager")) -> Message:
    """Every process pool was shut down in one of the ``allowed`` ways."""
    for pool in result.process_pools:
        if pool.shutdown in allowed:
            continue
        if "close_join" in allowed and len(allowed) == 1 and pool.shutdown != "never":
            return _found(says.POOL_NOT_CLOSE_JOIN, how=says.SHUTDOWN_NAMES.get(pool.shutdown, pool.shutdown))
        return _found(says.POOL_NOT_SHUT_DOWN, how=says.SHUTDOWN_NAMES.get(pool.shutdown, pool.shutdown))
    return None if result.process_pools else _no_pool(result)


def tasks_overlapped(result: RunResult) -> Message:
    """At least two worker processes ran tasks at the same time."""
    tasks = [t for t in result.tasks if t.pid != result.main.pid]
    pids = {t.pid for t in tasks}
    if not tasks:  # no chunk ran anywhere: say that, not "all 0 chunks ran in one worker"
        ran = ", ".join(call for pool in result.pools for call in pool.calls) or "no method"
        return used_process_pool(result, minimum=1) or _found(says.NO_TASKS, ran=ran)
    if len(pids) < 2:
        pid = next(iter(pids), result.main.pid)
        return _found(says.TOO_FEW_WORKERS_BUSY, count=len(tasks), pid=pid)
    for first in tasks:
        for second in tasks:
            if first.pid != second.pid and first.started < second.ended and second.started < first.ended:
                return None
    return _found(says.NO_OVERLAP, workers=", ".join(str(p) for p in sorted(pids)))


# --- shared memory ------------------------------------------------------------------


def children_squared_shared_array(result: RunResult, size: int) -> Message:
    """Each of ``size`` children squared exactly one distinct element of a shared Array; main none."""
    children = [p for p in result.children_of(result.main) if _received_shared_array(p)]
    if not children:
        return _found(says.NO_SHARED_ARRAY, evidence=_shared_array_evidence(result))
    main_writes = result.shared_writes_by(result.main.pid)
    if main_writes:
        write = main_writes[0]
        return _found(
            says.ELEMENT_NOT_SQUARED_BY_ONE_CHILD,
            detail=_found(
                says.PARENT_WROTE,
                label=result.main.label,
                index=write.index,
                old=write.old,
                new=write.new,
            ),
        )
    squared_by: dict[object, list[str]] = {}
    for child in children:
        problem = _one_element_squared(result, child, squared_by)
        if problem:
            return _found(says.ELEMENT_NOT_SQUARED_BY_ONE_CHILD, detail=problem)
    return _each_element_once(squared_by, size)


def _received_shared_array(process: ProcessInfo) -> bool:
    return any("Array" in shared.kind for shared in process.shared_before)


def _one_element_squared(
    result: RunResult, child: ProcessInfo, squared_by: dict[object, list[str]]
) -> Message:
    writes = result.shared_writes_by(child.pid)
    if len(writes) != 1:
        indexes = ", ".join(str(w.index) for w in writes[:10]) or "none"
        return f"{child.label} changed {len(writes)} elements of the shared array (elements: {indexes})."
    write = writes[0]
    if not isinstance(write.old, int) or write.new != write.old**2:
        return (
            f"{child.label} changed element {write.index} from {write.old} to {write.new}, "
            "which is not its square."
        )
    squared_by.setdefault(write.index, []).append(child.label)
    return None


def _each_element_once(squared_by: dict[object, list[str]], size: int) -> Message:
    for index, labels in squared_by.items():
        if len(labels) > 1:
            return _found(
                says.ELEMENT_NOT_SQUARED_BY_ONE_CHILD,
                detail=f"Element {index} was squared by {len(labels)} children ({', '.join(labels)}).",
            )
    if len(squared_by) != size:
        return _found(
            says.ELEMENT_NOT_SQUARED_BY_ONE_CHILD,
            detail=f"The children squared {len(squared_by)} elements, not {size}.",
        )
    return None


def _shared_array_evidence(result: RunResult) -> str:
    children = result.children_of(result.main)
    if children:
        return f" (your {len(children)} children got only copies: {children[0].args})"
    return " (no child process was started)"


def process_ran_in_child(result: RunResult) -> Message:
    """A child process ran the work, and received no shared Value or Array."""
    children = result.children_of(result.main)
    if not children:
        return _found(says.NO_CHILDREN, evidence=_no_children_evidence(result))
    for process in children:
        for shared in process.shared_before:
            return _found(says.SHARED_STATE_USED, label=process.label, kind=shared.kind)
    return None


def thread_ran_in_main(result: RunResult) -> Message:
    """A ``threading.Thread`` of the learner's ran inside the main process."""
    threads = result.learner_threads
    if any(t.pid == result.main.pid for t in threads):
        return None
    evidence = f" (a thread ran in pid {threads[0].pid}, not the main process)" if threads else ""
    return _found(says.THREAD_NOT_IN_MAIN, evidence=evidence)


def thread_joined_before_logging(result: RunResult, message_pattern: str) -> Message:
    """The main process joined each of its threads before logging the line matching the pattern."""
    events = [e for e in result.logs_to_file if re.fullmatch(message_pattern, e.message)]
    if not events:
        return None
    for thread in result.learner_threads:
        if thread.pid == result.main.pid and (thread.joined_at is None or thread.joined_at > events[0].time):
            return _found(says.THREAD_NOT_JOINED, message=events[0].message, name=thread.name)
    return None


# --- the parent combines, the workers compute ---------------------------------------------

REDONE_SHARE = 0.5
"""The share of the pool's task CPU time that, spent by main after handing the pool its work,
means main did the work again: a main that only combines results spends a few milliseconds
there, one that recounts about as much as all the tasks together. CPU time, unlike wall time,
does not grow when the machine is busy."""
MEASURABLE_WORK = 0.05
"""Task CPU seconds below which the comparison says nothing (the tasks were too quick)."""


def main_did_not_redo_the_work(result: RunResult) -> Message:
    """The main process used far less CPU than the pool's tasks: it combined their results.

    Work redone before the first pool call shows as CPU spent before it, beyond all the tasks'
    CPU (start-up and imports cost far less); work redone after it, as CPU spent after it.
    """
    workers, around = result.task_cpu_time(), result.main_cpu_around_pool()
    if around is None or workers < MEASURABLE_WORK:
        return None
    before, after = around
    if after < REDONE_SHARE * workers and before < workers:
        return None
    count = len([t for t in result.tasks if t.pid != result.main.pid])
    spent = result.main.cpu_time or 0.0
    return _found(says.MAIN_REDID_WORK, pid=result.main.pid, main=spent, workers=workers, count=count)
