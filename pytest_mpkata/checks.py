"""The check functions kata authors import: ``from pytest_mpkata import checks``.

A facade over the judge's check modules (``judge/checks.py``, ``log_checks.py``,
``pool_checks.py``, ``exchange_checks.py``, ``sync_checks.py``, ``slot_checks.py``,
``lifecycle_checks.py``, ``manager_checks.py``, ``shm_checks.py``, ``initializer_checks.py``,
``future_checks.py``, ``callback_checks.py``, ``progress_checks.py``, ``guard_checks.py``,
``deadlock_checks.py`` and the course's ``course.py``), so that kata test files keep one stable
import path whatever the judge's inner layout.  It exports the checks and the type a check
returns, nothing else: the README lists the same names (``tests/test_architecture.py`` holds
them equal).
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
from pytest_mpkata.judge.deadlock_checks import joined_after_draining, queue_items_all_received
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
from pytest_mpkata.judge.future_checks import (
    every_future_read,
    executor_of_processes,
    executor_shut_down,
    futures_read_as_completed,
)
from pytest_mpkata.judge.guard_checks import started_only_from_the_main_block
from pytest_mpkata.judge.initializer_checks import (
    initializer_ran_once_per_worker,
    tasks_used_worker_state,
    workers_recycled,
)
from pytest_mpkata.judge.lifecycle_checks import (
    alive_answers_logged,
    daemon_ended_with_parent,
    exit_codes_read_after_join,
    subclass_children_ran,
)
from pytest_mpkata.judge.log_checks import lines_written_by_children, log_has_lines, output_follows_input
from pytest_mpkata.judge.manager_checks import children_wrote_manager_dict, parent_read_after_joining
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
from pytest_mpkata.judge.shm_checks import block_closed_and_unlinked_by_parent, children_wrote_their_slices
from pytest_mpkata.judge.slot_checks import (
    semaphore_released_once,
    slots_filled,
    work_inside_slot,
    workers_shared_one_semaphore,
)
from pytest_mpkata.judge.sync_checks import (
    event_set_after_workers_started,
    phases_split_by_the_barrier,
    work_waited_for_the_event,
    workers_passed_one_barrier,
    workers_waited_on_one_event,
)

__all__ = [
    "Message",
    "a_child_process_ran",
    "alive_answers_logged",
    "all_joined",
    "block_closed_and_unlinked_by_parent",
    "callbacks_stayed_light",
    "child_doubled_each_number",
    "children_incremented_value",
    "children_squared_shared_array",
    "children_wrote_manager_dict",
    "children_wrote_their_slices",
    "created_children",
    "daemon_ended_with_parent",
    "errors_reached_error_callback",
    "event_set_after_workers_started",
    "every_future_read",
    "executor_of_processes",
    "executor_shut_down",
    "exit_codes_read_after_join",
    "four_processes_joined",
    "four_processes_reported_different_numbers",
    "four_started_together_then_joined",
    "futures_read_as_completed",
    "initializer_ran_once_per_worker",
    "joined_after_draining",
    "joined_before_logging",
    "lines_logged_by_parent",
    "lines_written_by_children",
    "log_has_lines",
    "main_did_not_redo_the_work",
    "one_sentinel_per_consumer",
    "output_follows_input",
    "parent_read_after_joining",
    "phases_split_by_the_barrier",
    "pipe_carried",
    "pipe_ends_closed",
    "pool_closed_and_joined",
    "pool_shut_down",
    "pool_shut_down_by_the_program",
    "pool_workers_did_the_work",
    "process_ran_in_child",
    "progress_logged_as_read",
    "queue_consumers_worked",
    "queue_items_all_received",
    "queue_items_consumed_once",
    "ran_cleanly",
    "results_came_back",
    "results_reached_callbacks",
    "results_read_while_tasks_ran",
    "semaphore_released_once",
    "slots_filled",
    "started_only_from_the_main_block",
    "started_together_then_joined",
    "subclass_children_ran",
    "tasks_overlapped",
    "tasks_ran_in_workers",
    "tasks_ran_together",
    "tasks_used_worker_state",
    "thread_joined_before_logging",
    "thread_ran_in_main",
    "used_process_pool",
    "value_writes_held_lock",
    "work_inside_slot",
    "work_spread_over_workers",
    "work_waited_for_the_event",
    "workers_passed_one_barrier",
    "workers_recycled",
    "workers_shared_one_semaphore",
    "workers_waited_on_one_event",
]
