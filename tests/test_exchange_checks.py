"""What the checks of queues, pipes, a locked Value, CPU time and test.log's extra lines tell a learner.

Hand-built ``RunResult`` objects pin each branch of a message; ``test_tracer_records.py``
proves the tracer records these facts for real.
"""

from __future__ import annotations

from typing import Any

import pytest
from mpkata_testing import hand_made_result

from pytest_mpkata import checks
from pytest_mpkata.judge import diagnose
from pytest_mpkata.run.runner import RunLimits
from pytest_mpkata.trace.facts import (
    LogLine,
    PipeEvent,
    PoolInfo,
    ProcessInfo,
    QueueEvent,
    TaskInfo,
    ValueWrites,
)
from pytest_mpkata.trace.model import RunResult

MAIN_PID = 100
STAMP = "2026-11-25 10:15:02,113"


def make_result(**fields: Any) -> RunResult:
    main = ProcessInfo(
        pid=MAIN_PID,
        role="main",
        name="MainProcess",
        exitcode=0,
        cpu_time=fields.pop("main_cpu", None),
        startup_cpu=fields.pop("startup_cpu", 0.0),
    )
    defaults: dict[str, Any] = dict(main_pid=MAIN_PID, processes=(main, *fields.pop("children", ())))
    return hand_made_result(**{**defaults, **fields})


def child(pid: int, exitcode: int | None = 0) -> ProcessInfo:
    return ProcessInfo(pid=pid, role="child", name=f"Process-{pid}", exitcode=exitcode, started_by=MAIN_PID)


def logged(*messages: str) -> dict[str, Any]:
    lines = tuple(LogLine(n, f"{STAMP} {m}", STAMP, m) for n, m in enumerate(messages, start=1))
    return {"log_exists": True, "log_lines": lines}


# --- test.log: lines beyond those asked for ---------------------------------------------------


def test_lines_beyond_those_asked_for_are_accepted() -> None:
    result = make_result(**logged("starting", "process 0", "process 1", "done"))

    assert checks.log_has_lines(result, ["process 0", "process 1"], ordered=True) is None


def test_an_exact_log_still_rejects_lines_not_asked_for() -> None:
    result = make_result(**logged("starting", "process 0"))

    message = checks.log_has_lines(result, ["process 0"], exact=True)

    assert message is not None and message.kind == "unexpected_lines" and "'starting'" in message


def test_a_line_asked_for_once_and_logged_twice_is_still_a_duplicate() -> None:
    result = make_result(**logged("process 0", "process 0", "process 1"))

    message = checks.log_has_lines(result, ["process 0", "process 1"])

    assert message is not None and message.kind == "duplicate_lines"


def test_the_order_is_judged_on_the_lines_asked_for_only() -> None:
    result = make_result(**logged("after thread: 1000", "note", "after process: 0"))

    message = checks.log_has_lines(result, ["after process: 0", "after thread: 1000"], ordered=True)

    assert message is not None and message.kind == "wrong_order" and "note" not in message


# --- the main process redid the pool's work ----------------------------------------------------


def pool_run(before: float, after: float, task_cpu: float, startup: float = 0.02) -> RunResult:
    """Main starts up (``startup`` CPU s), spends ``before`` until its first pool call, ``after`` after it."""
    first_call = startup + before
    pool = PoolInfo(
        "100:1", "Pool", 4, MAIN_PID, 0.0, (201, 202), ("map",), ("exit",), first_call_cpu=first_call
    )
    tasks = tuple(
        TaskInfo("100:1", "map", "count", "(0,)", 201 + i % 2, 0.0, 1.0, "1", None, task_cpu / 8)
        for i in range(8)
    )
    return make_result(main_cpu=first_call + after, startup_cpu=startup, pools=(pool,), tasks=tasks)


def test_a_main_process_that_only_combines_results_passes() -> None:
    assert checks.main_did_not_redo_the_work(pool_run(before=0.05, after=0.01, task_cpu=0.2)) is None


def test_a_main_process_that_recounts_after_the_pool_is_told_with_its_cpu_time() -> None:
    message = checks.main_did_not_redo_the_work(pool_run(before=0.05, after=0.21, task_cpu=0.2))

    assert message is not None and message.kind == "main_redid_work"
    assert "0.28 s" in message and "all 8 tasks" in message and "0.20 s" in message


def test_a_main_process_that_counts_before_handing_out_the_work_is_caught_too() -> None:
    assert checks.main_did_not_redo_the_work(pool_run(before=0.26, after=0.01, task_cpu=0.2)) is not None


def test_a_main_process_that_counted_it_all_a_little_faster_than_the_busy_workers_is_caught() -> None:
    """Counting alone costs less CPU than the same count in workers sharing the cores with others."""
    assert checks.main_did_not_redo_the_work(pool_run(before=0.18, after=0.01, task_cpu=0.2)) is not None


def test_a_slow_interpreter_start_is_not_counted_as_work_done_before_the_pool() -> None:
    """Starting Python (slower still when the grader measures coverage) is not the program's doing."""
    result = pool_run(before=0.03, after=0.01, task_cpu=0.1, startup=0.3)

    assert result.main_cpu_around_pool() == pytest.approx((0.03, 0.01))
    assert checks.main_did_not_redo_the_work(result) is None


def test_tasks_too_quick_to_measure_are_not_judged() -> None:
    assert checks.main_did_not_redo_the_work(pool_run(before=0.05, after=0.05, task_cpu=0.01)) is None


# --- queues ------------------------------------------------------------------------------------


def queue_run(sentinels: int, consumers: int = 3, exitcode: int | None = 0, **fields: Any) -> RunResult:
    events = [QueueEvent("q", MAIN_PID, "put", str(n), float(n)) for n in (1, 2, 3)]
    events += [QueueEvent("q", MAIN_PID, "put", "None", 4.0) for _ in range(sentinels)]
    pids = [201 + i for i in range(consumers)]
    events += [QueueEvent("q", pids[i % consumers], "get", str(n), 5.0 + n) for i, n in enumerate((1, 2, 3))]
    events += [QueueEvent("q", pids[i], "get", "None", 9.0) for i in range(min(sentinels, consumers))]
    return make_result(children=tuple(child(p, exitcode) for p in pids), queue_events=tuple(events), **fields)


def test_one_sentinel_per_consumer_passes() -> None:
    result = queue_run(sentinels=3)

    assert checks.queue_items_consumed_once(result, [1, 2, 3]) is None
    assert checks.queue_consumers_worked(result, [1, 2, 3], 3) is None
    assert checks.one_sentinel_per_consumer(result, [1, 2, 3], 3) is None


def test_too_few_sentinels_is_told_with_the_counts() -> None:
    message = checks.one_sentinel_per_consumer(queue_run(sentinels=2), [1, 2, 3], 3)

    assert message is not None and "put 2 sentinel(s)" in message and "one sentinel per consumer" in message


def test_consumers_left_waiting_at_the_time_limit_are_named() -> None:
    result = queue_run(
        sentinels=0, exitcode=None, reason="timeout", exit_code=-9, limits=RunLimits(time_limit=5.0)
    )

    message = diagnose.explain_stop(result)

    assert message is not None
    assert "A consumer waits forever: put one sentinel per consumer" in message
    assert "Process-201 (pid 201)" in message and "put 0 sentinel(s) (`None`) for 3 consumers" in message


def test_an_item_taken_by_the_parent_is_named() -> None:
    result = queue_run(sentinels=3)
    taken = QueueEvent("q", MAIN_PID, "get", "2", 6.5)
    result = make_result(children=result.children_of(result.main), queue_events=(*result.queue_events, taken))

    message = checks.queue_items_consumed_once(result, [1, 2, 3])

    assert message is not None and message.kind == "item_taken_by_main"


# --- pipes ---------------------------------------------------------------------------------------


def pipe_run(replies: tuple[int, ...], close: bool = True) -> RunResult:
    events = []
    for t, (n, reply) in enumerate(zip((1, 2), replies)):
        events += [
            PipeEvent("p", 0, MAIN_PID, "send", str(n), 4.0 * t),
            PipeEvent("p", 1, 201, "recv", str(n), 4.0 * t + 1),
            PipeEvent("p", 1, 201, "send", str(reply), 4.0 * t + 2),
            PipeEvent("p", 0, MAIN_PID, "recv", str(reply), 4.0 * t + 3),
        ]
    if close:
        events += [PipeEvent("p", 0, MAIN_PID, "close", "", 9.0), PipeEvent("p", 1, 201, "close", "", 9.0)]
    return make_result(children=(child(201),), pipe_events=tuple(events))


def test_a_conversation_both_ways_passes() -> None:
    result = pipe_run((2, 4))

    assert checks.pipe_carried(result, [1, 2], [2, 4]) is None
    assert checks.child_doubled_each_number(result) is None
    assert checks.pipe_ends_closed(result) is None


def test_a_reply_that_is_not_the_double_is_named_with_the_number() -> None:
    message = checks.child_doubled_each_number(pipe_run((2, 5)))

    assert message is not None and "replied 5 after receiving 2" in message


def test_an_end_left_open_names_its_process() -> None:
    message = checks.pipe_ends_closed(pipe_run((2, 4), close=False))

    assert message is not None and "MainProcess (pid 100)" in message


# --- a shared Value and its lock -----------------------------------------------------------------


def value_run(unlocked: int, final: int, overwrote: int = 0) -> RunResult:
    writes = tuple(
        ValueWrites(
            "v",
            201 + i,
            1000,
            unlocked // 4,
            overwrote // 4,
            (7, 7) if overwrote else None,
            (0, final),
            1.0 + i,
        )
        for i in range(4)
    )
    return make_result(children=tuple(child(201 + i) for i in range(4)), value_writes=writes)


def test_locked_increments_pass() -> None:
    result = value_run(unlocked=0, final=4000)

    assert checks.children_incremented_value(result, 4, 1000) is None
    assert checks.value_writes_held_lock(result) is None


def test_lost_updates_are_explained_with_the_runs_numbers() -> None:
    message = checks.value_writes_held_lock(value_run(unlocked=4000, final=3127, overwrote=400))

    assert message is not None and message.kind == "unlocked_writes"
    assert "4000 of the 4000 writes" in message and "lost 873 updates" in message and "7 -> 7" in message


def test_an_unlocked_run_that_reached_the_total_is_still_rejected() -> None:
    message = checks.value_writes_held_lock(value_run(unlocked=4000, final=4000))

    assert message is not None and "happened to lose none" in message
