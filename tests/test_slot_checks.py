"""What the checks of a Semaphore's slots tell a learner, branch by branch.

Hand-built runs pin each message; ``test_sync_moments.py`` proves the tracer records these
moments for real, and kata 14's mutants prove each message under every start method.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from mpkata_testing import hand_made_result

from pytest_mpkata import checks
from pytest_mpkata.judge import slot_messages as says
from pytest_mpkata.judge.findings import kind_of
from pytest_mpkata.run import records
from pytest_mpkata.trace.facts import LogEvent, Moment, ProcessInfo
from pytest_mpkata.trace.model import RunResult

MAIN_PID = 100
SLOTS = "100:7"


def moment(kind: str, pid: int, time: float, lock: str = SLOTS, **fields: Any) -> Moment:
    return Moment(kind, pid, time, "MainThread", (("lock", lock), *fields.items()))


def made(value: int = 2, kind: str = "Semaphore", lock: str = SLOTS, pid: int = MAIN_PID) -> Moment:
    return moment(records.LOCK_MADE, pid, 0.0, lock, type=kind, value=value)


def held(pid: int, start: float, end: float, lock: str = SLOTS) -> tuple[Moment, Moment]:
    return moment(records.LOCK_ACQUIRE, pid, start, lock), moment(records.LOCK_RELEASE, pid, end, lock)


def run_with(*moments: Moment, workers: int = 6) -> RunResult:
    main = ProcessInfo(pid=MAIN_PID, role="main", name="MainProcess", exitcode=0)
    children = tuple(
        ProcessInfo(pid=pid, role="child", name=f"Process-{pid - MAIN_PID}", exitcode=0, started_by=MAIN_PID)
        for pid in range(MAIN_PID + 1, MAIN_PID + 1 + workers)
    )
    return hand_made_result(main_pid=MAIN_PID, processes=(main, *children), moments=moments)


def two_at_a_time(value: int = 2, kind: str = "Semaphore") -> RunResult:
    """Six workers, two by two: 101 and 102, then 103 and 104, then 105 and 106."""
    pairs = [held(101 + n, 1.0 + n // 2, 1.9 + n // 2) for n in range(6)]
    return run_with(made(value, kind), *(m for pair in pairs for m in pair))


def test_six_workers_two_at_a_time_pass_every_check() -> None:
    result = two_at_a_time()

    assert checks.workers_shared_one_semaphore(result, 6, 2) is None
    assert checks.semaphore_released_once(result) is None
    assert checks.slots_filled(result, 2) is None


def test_a_semaphore_of_three_is_told_by_its_size_though_it_never_filled() -> None:
    message = checks.workers_shared_one_semaphore(two_at_a_time(value=3), 6, 2)

    assert kind_of(message) == says.WRONG_SLOT_COUNT.kind
    assert "Semaphore 1, made with value 3" in str(message)


def test_a_lock_in_place_of_the_semaphore_is_named_as_a_lock() -> None:
    message = checks.workers_shared_one_semaphore(two_at_a_time(value=1, kind="Lock"), 6, 2)

    assert kind_of(message) == says.LOCK_NOT_SEMAPHORE.kind
    assert "Lock 1, made by the main process (pid 100)" in str(message)


def test_a_semaphore_each_worker_made_for_itself_is_no_limit() -> None:
    mine = "101:9"
    result = run_with(made(lock=mine, pid=101), *held(101, 1.0, 2.0, lock=mine))

    message = checks.workers_shared_one_semaphore(result, 6, 2)

    assert kind_of(message) == says.SEMAPHORE_PER_WORKER.kind
    assert str(message).startswith("Process-1 (pid 101) acquired Semaphore 1, which it made itself")
    assert kind_of(checks.slots_filled(result, 2)) == says.SEMAPHORE_PER_WORKER.kind


def test_a_release_twice_and_a_release_before_any_acquire_are_told_apart() -> None:
    twice = run_with(made(), *held(101, 1.0, 2.0), moment(records.LOCK_RELEASE, 101, 2.1))
    early = run_with(made(), moment(records.LOCK_RELEASE, 101, 0.5), *held(101, 1.0, 2.0))

    assert kind_of(checks.semaphore_released_once(twice)) == says.RELEASED_TWICE.kind
    assert kind_of(checks.semaphore_released_once(early)) == says.RELEASED_WITHOUT_ACQUIRE.kind


def test_three_processes_inside_at_once_are_named() -> None:
    result = run_with(made(), *held(101, 1.0, 2.0), *held(102, 1.1, 2.0), *held(103, 1.2, 2.0))

    message = checks.slots_filled(result, 2)

    assert kind_of(message) == says.TOO_MANY_AT_ONCE.kind
    assert "(Process-1 (pid 101), Process-2 (pid 102), Process-3 (pid 103))" in str(message)


def test_a_process_holding_both_slots_counts_once() -> None:
    result = run_with(made(), *held(101, 1.0, 2.0), *held(101, 1.1, 1.9), *held(102, 2.1, 3.0))

    assert kind_of(checks.slots_filled(result, 2)) == says.NEVER_FULL.kind


def test_work_logged_outside_the_slot_is_told_with_its_process() -> None:
    result = two_at_a_time()
    log = result.log_path
    inside = LogEvent(101, "Process-1", 20, "worker 0 working", 1.5, (log,))
    outside = LogEvent(102, "Process-2", 20, "worker 1 working", 0.9, (log,))
    good = replace(result, logs=(inside,))
    bad = replace(result, logs=(inside, outside))

    assert checks.work_inside_slot(good, r"worker \d+ working") is None
    message = checks.work_inside_slot(bad, r"worker \d+ working")
    assert kind_of(message) == says.WORK_OUTSIDE_SLOT.kind
    assert str(message).startswith('Process-2 (pid 102) logged "worker 1 working" while it held no slot')
