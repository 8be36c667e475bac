"""A kata's central act: what a program must have done for any of the kata's checks to give points.

A check about the log or about a clean exit passes for a program that never started the child
process the kata is about; a kata's points would then reward doing nothing it teaches.  Each
kata names its central acts in ``kata.toml`` (``central = ["process"]``); a run that did not do
one of them passes no check of that kata: a check that would have passed fails with
``MISSING_ACT``'s message instead, and a check that fails keeps its own, more specific message.

Every act is read from what a process other than main did, and the cross-check
(``judge.crosscheck``) holds each such process to the kernel's account of the run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from pytest_mpkata.judge.findings import Template
from pytest_mpkata.run import records

if TYPE_CHECKING:
    from pytest_mpkata.trace.model import RunResult

__all__ = ["ACTS", "MISSING_ACT", "CentralAct", "missing_act"]


@dataclass(frozen=True)
class CentralAct:
    """One thing a kata is about, how to see it in a run, and how to tell a learner it is missing."""

    name: str
    missing: str
    """Completes "Your program ...": what it did not do."""
    done: Callable[[RunResult], bool]


def _started_a_child(result: RunResult) -> bool:
    return any(p.role == "child" for p in result.processes)


def _pool_worker_ran_a_task(result: RunResult) -> bool:
    workers = {worker for pool in result.process_pools for worker in pool.workers}
    return any(task.pid in workers and task.pid != result.main_pid for task in result.tasks)


def _crossed_a_queue(result: RunResult) -> bool:
    putters = {event.pid for event in result.queue_puts()}
    return any(event.pid not in putters or len(putters) > 1 for event in result.queue_gets())


def _crossed_a_pipe(result: RunResult) -> bool:
    return any(
        received.pid != sent.pid for sent in result.pipe_sends() for received in result.pipe_receives()
    )


def _child_wrote_shared_array(result: RunResult) -> bool:
    return any(write.pid != result.main_pid for write in result.shared_writes)


def _child_wrote_shared_value(result: RunResult) -> bool:
    return any(writes.pid != result.main_pid and writes.writes for writes in result.value_writes)


def _waited_for_a_set_event(result: RunResult) -> bool:
    setters = {(m.get("event"), m.pid) for m in result.moments_of(records.EVENT_SET)}
    return any(
        wait.pid != result.main_pid
        and any(event == wait.get("event") and pid != wait.pid for event, pid in setters)
        for wait in result.moments_of(records.EVENT_WAIT)
        if wait.get("flag")
    )


def _passed_a_barrier_together(result: RunResult) -> bool:
    passers: dict[object, set[int]] = {}
    for moment in result.moments_of(records.BARRIER_WAIT):
        if moment.pid != result.main_pid and (moment.get("index") or 0) >= 0:
            passers.setdefault(moment.get("barrier"), set()).add(moment.pid)
    return any(len(pids) > 1 for pids in passers.values())


def _child_acquired_a_semaphore(result: RunResult) -> bool:
    return any(
        moment.pid != result.main_pid and moment.get("type") in ("Semaphore", "BoundedSemaphore")
        for moment in result.moments_of(records.LOCK_ACQUIRE)
    )


def _child_wrote_through_a_proxy(result: RunResult) -> bool:
    return any(w.pid != result.main_pid for w in result.moments_of(records.PROXY_WRITE) if not w.get("error"))


def _child_wrote_shared_memory(result: RunResult) -> bool:
    return any(a.pid != result.main_pid for a in result.moments_of(records.SHM_ATTACH))


def _pool_called_back(result: RunResult) -> bool:
    called = result.moments_of(records.POOL_CALLBACK, pid=result.main_pid)
    return _pool_worker_ran_a_task(result) and any(m.get("handler") == "callback" for m in called)


def _ran_a_thread(result: RunResult) -> bool:
    return bool(result.learner_threads)


ACTS: dict[str, CentralAct] = {
    act.name: act
    for act in (
        CentralAct("process", "started no child process with `multiprocessing.Process`", _started_a_child),
        CentralAct(
            "pool", "ran no task in the worker processes of a `multiprocessing.Pool`", _pool_worker_ran_a_task
        ),
        CentralAct("queue", "passed nothing from one process to another through a `Queue`", _crossed_a_queue),
        CentralAct("pipe", "passed nothing from one process to another through a `Pipe`", _crossed_a_pipe),
        CentralAct(
            "shared_array",
            "wrote to no shared `multiprocessing.Array` from a child process",
            _child_wrote_shared_array,
        ),
        CentralAct(
            "shared_value",
            "wrote to no shared `multiprocessing.Value` from a child process",
            _child_wrote_shared_value,
        ),
        CentralAct(
            "manager",
            "wrote nothing from a child process through a `multiprocessing.Manager()` proxy",
            _child_wrote_through_a_proxy,
        ),
        CentralAct(
            "shared_memory",
            "attached no child process to a `SharedMemory` block by its name",
            _child_wrote_shared_memory,
        ),
        CentralAct("thread", "started no `threading.Thread`", _ran_a_thread),
        CentralAct(
            "event",
            "had no child process wait on a `multiprocessing.Event` that another process set",
            _waited_for_a_set_event,
        ),
        CentralAct(
            "barrier",
            "had no two child processes pass the same `multiprocessing.Barrier`",
            _passed_a_barrier_together,
        ),
        CentralAct(
            "semaphore",
            "acquired no `multiprocessing.Semaphore` in a child process",
            _child_acquired_a_semaphore,
        ),
        CentralAct(
            "callback",
            "received no result of a pool worker through an `apply_async` callback",
            _pool_called_back,
        ),
    )
}
"""Every act a kata may name in ``central``, by name."""

MISSING_ACT = Template(
    "central_act_missing",
    "Your program (main process pid {pid}) {missing}, and that is what this kata is about: no "
    "check gives points until it does. Follow the kata's README step by step.",
)


def missing_act(result: RunResult, acts: tuple[str, ...]) -> str | None:
    """The message for the first of ``acts`` the run did not do, or None when it did them all."""
    for name in acts:
        act = ACTS[name]
        if not act.done(result):
            return MISSING_ACT.found(missing=act.missing, pid=result.main_pid)
    return None
