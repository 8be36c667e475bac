"""The messages of the checks of a Pool's initializer and of recycled workers
(``judge/initializer_checks.py``).

Like ``judge/messages.py``: each template carries the stable kind of finding it reports, and
names the run's own processes by pid and the program's own functions and values.
"""

from __future__ import annotations

from pytest_mpkata.judge.findings import Template

__all__ = [
    "FEWER_WORKERS",
    "INIT_MISSING_IN_WORKER",
    "INIT_RETURNED_STATE",
    "INIT_SET_NOTHING",
    "NO_INITIALIZER",
    "SET_UP_PER_TASK",
    "STATE_FROM_PARENT",
    "STATE_NOT_FROM_INITIALIZER",
    "STATE_NOT_LOGGED",
    "STATE_WITHOUT_INITIALIZER",
    "TOO_MANY_TASKS",
    "WRONG_INITIALIZER",
]

FORK_ONLY = (
    "State the parent sets before making the pool reaches the workers only under fork, as a copy "
    "of the parent; under spawn and forkserver a worker starts fresh and finds None."
)

NO_INITIALIZER = Template(
    "no_initializer",
    "No initializer ran in the pool's workers (pids {pids}): pass `initializer={initializer}` and "
    "`initargs=(...)` to `Pool`, so that each worker sets its state up once. " + FORK_ONLY,
)
WRONG_INITIALIZER = Template(
    "wrong_initializer",
    "The pool's initializer was `{ran}` (in worker pid {pid}), not `{initializer}`: pass "
    "`initializer={initializer}` to `Pool`.",
)
INIT_MISSING_IN_WORKER = Template(
    "initializer_missing_in_worker",
    "Worker pid {pid} ran {count} task(s) but its initializer never ran in it: every worker of the "
    "pool must be made by the same `Pool(..., initializer={initializer})`.",
)
SET_UP_PER_TASK = Template(
    "set_up_per_task",
    "Worker pid {pid} set its state up {count} times ({lines}) while its initializer ran once: the "
    "set-up is repeated in each task. Do it in `{initializer}` only; the tasks use what it set.",
)
TOO_MANY_TASKS = Template(
    "too_many_tasks_per_worker",
    "Worker pid {pid} ran {count} tasks ({args}), more than {limit}: pass "
    "`maxtasksperchild={limit}` to `Pool` so that a worker retires after {limit} tasks and a fresh "
    "one (with its own initializer call) takes its place. With `map`, give `chunksize=1`: "
    "`maxtasksperchild` counts chunks, not calls.",
)
FEWER_WORKERS = Template(
    "too_few_workers_created",
    "{tasks} tasks at {limit} per worker need at least {needed} worker processes, but tasks ran in "
    "only {count} ({pids}). Pass `maxtasksperchild={limit}` to `Pool`.",
)
STATE_NOT_LOGGED = Template(
    "state_not_logged",
    "No task logged a line like {pattern} from a worker process: each task logs the state its "
    'worker\'s initializer set, e.g. `logging.info("key %d looked up through %s", key, connection)`.',
)
STATE_FROM_PARENT = Template(
    "state_from_parent",
    'The task logged "{line}" in worker pid {pid}: that state names the parent (pid {main}), '
    "which set it before making the pool. " + FORK_ONLY + " Set it in the initializer.",
)
INIT_RETURNED_STATE = Template(
    "initializer_returned_state",
    'In worker pid {pid} the task logged "{line}": `{initializer}` returned {returned} there, and '
    "a `Pool` throws an initializer's return value away. Store the state in a module global "
    "(`global connection`, then assign it) instead of returning it.",
)
INIT_SET_NOTHING = Template(
    "initializer_set_nothing",
    'In worker pid {pid} the task logged "{line}": `{initializer}` ran there but set no module '
    "global, so the assignment stayed local to the call. Declare `global connection` in it before "
    "assigning.",
)
STATE_NOT_FROM_INITIALIZER = Template(
    "state_not_from_initializer",
    'In worker pid {pid} the task logged "{line}", but the initializer in that worker set {set}: '
    "a task must use the state its own worker's initializer set, not make its own.",
)
STATE_WITHOUT_INITIALIZER = Template(
    "state_without_initializer",
    'In worker pid {pid} the task logged "{line}", but no initializer ran in that worker, so '
    "nothing set its state up once. Pass `initializer=` and `initargs=` to `Pool`. " + FORK_ONLY,
)
