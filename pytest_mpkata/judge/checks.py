"""Checks: pure functions from a ``RunResult`` to ``None`` (pass) or a finding.

A finding says what happened, with the run's pids and names, and what to change.  Checks
never start processes; the kata test files compose them.  This module holds the checks every
kata shares (the run ended cleanly) and those of processes, shared memory and threads;
``log_checks`` reads test.log, ``pool_checks`` pools, ``exchange_checks`` queues, pipes and
a shared Value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pytest_mpkata.judge import diagnose
from pytest_mpkata.judge import messages as says
from pytest_mpkata.judge.findings import Message
from pytest_mpkata.judge.log_checks import logged_matching
from pytest_mpkata.judge.stops import judges_the_stop, stop_of
from pytest_mpkata.trace.facts import LogEvent, ProcessInfo
from pytest_mpkata.trace.model import RunResult

__all__ = [
    "all_joined",
    "children_squared_shared_array",
    "created_children",
    "joined_before_logging",
    "process_ran_in_child",
    "ran_cleanly",
    "started_together_then_joined",
    "thread_joined_before_logging",
    "thread_ran_in_main",
]


# --- common to every kata ----------------------------------------------------


@judges_the_stop
def ran_cleanly(result: RunResult, exits: Mapping[str, int] | None = None) -> Message:
    """The program ended by itself, exit 0, no process failed, nothing left running.

    ``exits`` names the children a kata asks to end otherwise, with the exit code each must end
    with (``{"bad": 3}``).  A stopped run is explained by its root cause alone (``judge.stops``).
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
        or _crashed_child(result, exits or {})
        or _left_running(result)
    )


def _start_failure(result: RunResult) -> Message:
    for failure in result.start_failures:
        return says.START_FAILED.found(
            name=failure.get("name"),
            target=failure.get("target"),
            method=result.start_method,
            type=failure.get("type"),
            message=failure.get("message"),
        )
    return None


def _crashed_child(result: RunResult, exits: Mapping[str, int]) -> Message:
    for process in result.processes:
        if process.role not in ("child", "pool_worker"):
            continue
        errors = result.exceptions_in(process.pid)
        if errors:
            return says.CHILD_CRASHED.found(
                label=process.label, target=process.target, error=errors[0].summary
            )
    for process in result.crashed_processes:
        if process.name is not None and exits.get(process.name, 0) == process.exitcode:
            continue
        return says.CHILD_EXIT_CODE.found(label=process.label, target=process.target, code=process.exitcode)
    return None


def _left_running(result: RunResult) -> Message:
    if not result.alive_at_exit:
        return None
    alive = ", ".join(_describe_leftover(result, left) for left in result.alive_at_exit[:5])
    return says.LEFT_RUNNING.found(alive=alive)


def _describe_leftover(result: RunResult, left: dict[str, object]) -> str:
    pid = left.get("pid")
    process = result.process(pid) if isinstance(pid, int) else None
    if process is not None:
        return process.label
    return f"pid {pid} ({str(left.get('cmdline', ''))[:60]})"


# --- processes ----------------------------------------------------------------------


def created_children(result: RunResult, expected: int) -> Message:
    """The main process created exactly ``expected`` children with multiprocessing."""
    children = result.children_of(result.main)
    if not children:
        return says.NO_CHILDREN.found(evidence=no_children_evidence(result))
    if len(children) != expected:
        labels = ", ".join(p.label for p in children[:6])
        return says.WRONG_CHILD_COUNT.found(count=len(children), labels=labels, expected=expected)
    return None


def label_of(result: RunResult, pid: int) -> str:
    """How messages name the process ``pid``: its label, or its bare pid if the trace never saw it."""
    process = result.process(pid)
    return process.label if process is not None else f"pid {pid}"


def no_children_evidence(result: RunResult) -> str:
    threads = result.learner_threads
    if threads:
        thread = threads[0]
        return says.USED_THREADS.found(target=thread.target, name=thread.name, pid=thread.pid)
    if result.forked_processes:
        return says.USED_FORK.found(pid=result.forked_processes[0].pid)
    return says.RAN_IN_MAIN.found(pid=result.main.pid)


def started_together_then_joined(result: RunResult, expected: int) -> Message:
    """All children were started before the first join, and every one was joined."""
    children = result.children_of(result.main)
    problem = created_children(result, expected)
    if problem:
        return problem
    if not result.all_started_before_first_join(children):
        first_join = min((p for p in children if p.joined_at), key=lambda p: p.joined_at or 0)
        late = [p for p in children if (p.start_called or 0) > (first_join.joined_at or 0)]
        return says.NOT_STARTED_TOGETHER.found(
            joined=first_join.label,
            started=", ".join(p.label for p in late[:4]),
        )
    return all_joined(result, children)


def all_joined(result: RunResult, processes: Sequence[ProcessInfo]) -> Message:
    """The parent called ``join()`` on each of these processes."""
    unjoined = [p for p in processes if p.joined_by is None]
    if unjoined:
        return says.NOT_JOINED.found(labels=", ".join(p.label for p in unjoined[:6]))
    return None


def _logged_by_others(result: RunResult, events: list[LogEvent]) -> Message:
    """Who logged it, before asking when: a line a child logged says nothing of the parent's joins."""
    for event in events:
        if event.pid != result.main.pid:
            writer = result.process(event.pid)
            label = writer.label if writer is not None else f"process {event.pid}"
            return says.LOGGED_NOT_BY_PARENT.found(message=event.message, label=label)
    return None


def joined_before_logging(result: RunResult, message_pattern: str) -> Message:
    """The parent joined every child before logging the line matching ``message_pattern``."""
    children = result.children_of(result.main)
    unjoined = all_joined(result, children)
    if unjoined:
        return unjoined
    events = logged_matching(result, message_pattern)
    if not events:
        return None
    not_by_parent = _logged_by_others(result, events)
    if not_by_parent:
        return not_by_parent
    logged_at = events[0].time
    for child in children:
        if child.joined_at is not None and child.joined_at > logged_at:
            return says.LOGGED_BEFORE_JOIN.found(message=events[0].message, label=child.label)
    return None


# --- shared memory ------------------------------------------------------------------


def children_squared_shared_array(result: RunResult, size: int) -> Message:
    """Each of ``size`` children squared exactly one distinct element of a shared Array; main none."""
    children = [p for p in result.children_of(result.main) if _received_shared_array(p)]
    if not children:
        return says.NO_SHARED_ARRAY.found(evidence=_shared_array_evidence(result))
    main_writes = result.shared_writes_by(result.main.pid)
    if main_writes:
        write = main_writes[0]
        return says.ELEMENT_NOT_SQUARED_BY_ONE_CHILD.found(
            detail=says.PARENT_WROTE.found(
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
            return says.ELEMENT_NOT_SQUARED_BY_ONE_CHILD.found(detail=problem)
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
            return says.ELEMENT_NOT_SQUARED_BY_ONE_CHILD.found(
                detail=f"Element {index} was squared by {len(labels)} children ({', '.join(labels)}).",
            )
    if len(squared_by) != size:
        return says.ELEMENT_NOT_SQUARED_BY_ONE_CHILD.found(
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
        return says.NO_CHILDREN.found(evidence=no_children_evidence(result))
    for process in children:
        for shared in process.shared_before:
            return says.SHARED_STATE_USED.found(label=process.label, kind=shared.kind)
    return None


def thread_ran_in_main(result: RunResult, same_work_as_process: bool = False) -> Message:
    """A ``threading.Thread`` of the learner's ran inside the main process; with
    ``same_work_as_process``, it ran the function the child process ran (the thread's half of
    the work, not a thread that idles while the main thread does it).  Targets are compared
    where both are functions; a subclass's ``run()`` (``CountingThread.run``) is not compared."""
    threads = result.learner_threads
    in_main = [t for t in threads if t.pid == result.main.pid]
    if not in_main:
        evidence = f" (a thread ran in pid {threads[0].pid}, not the main process)" if threads else ""
        return says.THREAD_NOT_IN_MAIN.found(evidence=evidence)
    targets = {str(p.target) for p in result.children_of(result.main) if _is_function(p.target)}
    compared = [t for t in in_main if _is_function(t.target)]
    if not same_work_as_process or not targets or len(compared) < len(in_main):
        return None
    if any(t.target in targets for t in compared):
        return None
    thread = in_main[0]
    return says.THREAD_DID_OTHER_WORK.found(
        name=thread.name, target=thread.target or "nothing", process_target=sorted(targets)[0]
    )


def _is_function(target: str | None) -> bool:
    """A target given as a module-level function (``increment``), not a method (``Counter.run``)."""
    return bool(target) and "." not in str(target)


def thread_joined_before_logging(result: RunResult, message_pattern: str) -> Message:
    """The main process joined each of its threads before logging the line matching the pattern."""
    events = logged_matching(result, message_pattern)
    if not events:
        return None
    not_by_parent = _logged_by_others(result, events)
    if not_by_parent:
        return not_by_parent
    for thread in result.learner_threads:
        if thread.pid == result.main.pid and (thread.joined_at is None or thread.joined_at > events[0].time):
            return says.THREAD_NOT_JOINED.found(message=events[0].message, name=thread.name)
    return None
