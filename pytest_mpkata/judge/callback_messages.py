"""The messages of the checks of pool callbacks (``judge/callback_checks.py``).

Like ``judge/messages.py``: each template carries the stable kind of finding it reports.
"""

from __future__ import annotations

from pytest_mpkata.judge.findings import Template

__all__ = [
    "CALLBACK_TOO_HEAVY",
    "ERROR_READ_WITH_GET",
    "ERROR_VANISHED",
    "LOGGED_IN_WORKER",
    "NO_CALLBACK_RAN",
    "NO_TASK_FAILED",
    "POOL_ENDED_BEFORE_CALLBACKS",
    "RESULTS_LOST",
    "RESULTS_READ_WITH_GET",
    "TASKS_SERIALISED_BY_GET",
]

RESULTS_READ_WITH_GET = Template(
    "results_read_with_get",
    "Your parent (pid {pid}) read {count} results with `.get()` and none through a callback. "
    "Give `apply_async` a `callback=` function: the pool calls it in the parent with each result "
    "as soon as it comes back, and your loop never has to wait.",
)
NO_CALLBACK_RAN = Template(
    "no_callback_ran",
    "Your parent (pid {pid}) submitted {submitted} tasks with `apply_async` and {ran} returned in "
    "the workers, but no callback ran. Pass `callback=` to each `apply_async`, then call "
    "`pool.close()` and `pool.join()`: without join() the program ends before the results come "
    "back; join() waits until every callback has run.",
)
RESULTS_LOST = Template(
    "results_lost",
    "{missing} of the {count} results the workers returned never reached your callback "
    "(lost: {values}): the pool was gone before they came back. Call `pool.close()` then "
    "`pool.join()` before the program goes on: join() returns only after every callback ran.",
)
NO_TASK_FAILED = Template(
    "no_task_failed",
    "No task of your pool raised an exception, so your error callback had nothing to handle. "
    "Let the task raise for the input the README names (do not catch the error inside the task): "
    "the pool hands the exception to `error_callback` in the parent.",
)
ERROR_VANISHED = Template(
    "error_vanished",
    "The task {func}{args} raised `{error}` in worker pid {pid}, and no error callback received it: "
    "without `error_callback=`, `apply_async` drops the exception silently. Pass "
    "`error_callback=` a function that logs it.",
)
ERROR_READ_WITH_GET = Template(
    "error_read_with_get",
    "The task {func}{args} raised `{error}` and your parent caught it from `.get()`, not in an "
    "error callback. Pass `error_callback=` to `apply_async`: the pool hands it the exception, in "
    "the parent, without your loop waiting for the failing task.",
)
TASKS_SERIALISED_BY_GET = Template(
    "tasks_serialised_by_get",
    "Your tasks ran one after another: no two workers were busy at the same time (workers "
    "{workers}). Calling `.get()` right after each `apply_async` waits for that task before "
    "submitting the next; submit them all first and let the callbacks collect the results.",
)
CALLBACK_TOO_HEAVY = Template(
    "callback_too_heavy",
    "Your {handler} {func} used {cpu:.2f} s of CPU in the parent's result-handler thread for "
    "{value} (the task that computed it used {task:.2f} s in its worker): every other result waits "
    "behind it. Keep a callback to recording or logging what it is handed; the work belongs in the task.",
)
POOL_ENDED_BEFORE_CALLBACKS = Template(
    "pool_ended_before_callbacks",
    "Your pool was not closed then joined before it ended (it ended by {how}): terminating a "
    "pool stops its workers and its result-handler thread, so results still on their way never reach your "
    "callbacks. Call `pool.close()` then `pool.join()` once every task is submitted.",
)
LOGGED_IN_WORKER = Template(
    "logged_in_worker",
    "The line {message!r} was logged by worker pid {pid}, not by your parent (pid {main}): log it in "
    "the callback, which the pool calls in the parent.",
)
