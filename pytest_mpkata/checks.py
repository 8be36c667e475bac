"""The check functions kata authors import: ``from pytest_mpkata import checks``.

A facade over the judge's check modules (``judge/checks.py``, ``log_checks.py``,
``pool_checks.py``, ``exchange_checks.py``, ``callback_checks.py``, ``progress_checks.py`` and
the course's ``course.py``), so that kata test files keep one stable import path whatever the
judge's inner layout.  It exports the checks and the type a check returns, nothing else: the
README lists the same names (``tests/test_architecture.py`` holds them equal).
"""

from __future__ import annotations

from pytest_mpkata.judge.callback_checks import (
    callbacks_stayed_light,
    errors_reached_error_callback,
    lines_logged_by_parent,
    pool_closed_and_joined,
    results_reached_callbacks,
    tasks_ran_together,
)
from pytest_mpkata.judge.checks import (
    all_joined,
    children_squared_shared_array,
    created_children,
    joined_before_logging,
    process_ran_in_child,
    ran_cleanly,
    started_together_then_joined,
    thread_joined_before_logging,
    thread_ran_in_main,
)
from pytest_mpkata.judge.course import (
    a_child_process_ran,
    four_processes_joined,
    four_processes_reported_different_numbers,
    four_started_together_then_joined,
    pool_shut_down_by_the_program,
    pool_workers_did_the_work,
)
from pytest_mpkata.judge.exchange_checks import (
    child_doubled_each_number,
    children_incremented_value,
    one_sentinel_per_consumer,
    pipe_carried,
    pipe_ends_closed,
    queue_consumers_worked,
    queue_items_consumed_once,
    results_came_back,
    value_writes_held_lock,
)
from pytest_mpkata.judge.findings import Message
from pytest_mpkata.judge.log_checks import lines_written_by_children, log_has_lines
from pytest_mpkata.judge.pool_checks import (
    main_did_not_redo_the_work,
    pool_shut_down,
    tasks_overlapped,
    tasks_ran_in_workers,
    used_process_pool,
)
from pytest_mpkata.judge.progress_checks import (
    progress_logged_as_read,
    results_read_while_tasks_ran,
    work_spread_over_workers,
)

__all__ = [
    "Message",
    "a_child_process_ran",
    "all_joined",
    "callbacks_stayed_light",
    "child_doubled_each_number",
    "children_incremented_value",
    "children_squared_shared_array",
    "created_children",
    "errors_reached_error_callback",
    "four_processes_joined",
    "four_processes_reported_different_numbers",
    "four_started_together_then_joined",
    "joined_before_logging",
    "lines_logged_by_parent",
    "lines_written_by_children",
    "log_has_lines",
    "main_did_not_redo_the_work",
    "one_sentinel_per_consumer",
    "pipe_carried",
    "pipe_ends_closed",
    "pool_closed_and_joined",
    "pool_shut_down",
    "pool_shut_down_by_the_program",
    "pool_workers_did_the_work",
    "process_ran_in_child",
    "progress_logged_as_read",
    "queue_consumers_worked",
    "queue_items_consumed_once",
    "ran_cleanly",
    "results_came_back",
    "results_reached_callbacks",
    "results_read_while_tasks_ran",
    "started_together_then_joined",
    "tasks_overlapped",
    "tasks_ran_in_workers",
    "tasks_ran_together",
    "thread_joined_before_logging",
    "thread_ran_in_main",
    "used_process_pool",
    "value_writes_held_lock",
    "work_spread_over_workers",
]
