"""The messages of the checks of ``ProcessPoolExecutor`` futures (``judge/future_checks.py``).

Like ``judge/messages.py``: each template carries the stable kind of finding it reports, and
names the run's own processes by pid and the program's own calls (``slow_square(5)``).
"""

from __future__ import annotations

from pytest_mpkata.judge.findings import Template

__all__ = [
    "EXECUTOR_NOT_SHUT_DOWN",
    "FAILURE_NOT_READ",
    "NOT_COMPLETION_ORDER",
    "NO_SUBMITTED_TASKS",
    "RESULT_NOT_READ",
    "SERIALISED",
    "THREAD_EXECUTOR",
    "UNPICKLABLE_TASK",
    "USED_AFTER_SHUTDOWN",
]

THREAD_EXECUTOR = Template(
    "thread_executor",
    "Your program ran its tasks in a `ThreadPoolExecutor`: its workers are threads inside the main "
    "process (pid {pid}), not processes. Use `concurrent.futures.ProcessPoolExecutor`.",
)
NO_SUBMITTED_TASKS = Template(
    "no_submitted_tasks",
    "No task submitted with `executor.submit(...)` ran in a worker process (the executor was given: "
    "{calls}). Submit each number with `executor.submit(function, number)`.",
)
UNPICKLABLE_TASK = Template(
    "unpicklable_task",
    'No submitted task reached a worker: the future failed in the parent with "{error}". A '
    "lambda or a function defined inside another cannot be pickled to travel to a worker process; "
    "submit a function defined at the top level of your file.",
)
FAILURE_NOT_READ = Template(
    "failure_not_read",
    "`{call}` raised {error} in worker pid {pid}, but the main process (pid {main}) never called "
    "`result()` or `exception()` on its future: the error was lost silently. Read every future, "
    "and catch the exception around `future.result()`.",
)
RESULT_NOT_READ = Template(
    "result_not_read",
    "`{call}` returned {value} in worker pid {pid}, but the main process (pid {main}) never read "
    "it from its future. Read each future with `future.result()` as `as_completed` hands it back.",
)
SERIALISED = Template(
    "futures_serialised",
    "The main process (pid {main}) waited on the result of `{call}` after submitting only {submitted} "
    "of {total} tasks, so the tasks ran one after another. Submit them all first, then read them "
    "with `as_completed(...)`.",
)
NOT_COMPLETION_ORDER = Template(
    "futures_not_in_completion_order",
    "The main process (pid {main}) waited on `{waited}` while `{finished}` finished, and that "
    "result sat unread until `{waited}` was done: the futures were read in the order they were "
    "submitted. Use `for future in as_completed(futures):`, which hands each back as it finishes.",
)
USED_AFTER_SHUTDOWN = Template(
    "executor_used_after_shutdown",
    "The main process (pid {main}) handed the executor work after it was shut down ({error}). "
    "Submit and read every task inside the `with ProcessPoolExecutor(...)` block.",
)
EXECUTOR_NOT_SHUT_DOWN = Template(
    "executor_not_shut_down",
    "Your executor was never shut down ({how}). Use it in a `with ProcessPoolExecutor(...) as "
    "executor:` block, or call `executor.shutdown()` when the work is done.",
)
