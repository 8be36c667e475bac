"""The messages of the checks of a Semaphore's slots (``judge/slot_checks.py``).

Like ``judge/messages.py``: each template carries the stable kind of finding it reports, and
names the primitives as the picture does ("Semaphore 1", "Lock 1").
"""

from __future__ import annotations

from pytest_mpkata.judge.findings import Template

__all__ = [
    "ACQUIRED_ONLY_IN_MAIN",
    "LOCK_NOT_SEMAPHORE",
    "NEVER_FULL",
    "NO_SLOT_TAKEN",
    "RELEASED_TWICE",
    "RELEASED_WITHOUT_ACQUIRE",
    "SEMAPHORE_PER_WORKER",
    "TOO_FEW_WORKERS",
    "TOO_MANY_AT_ONCE",
    "WORK_NOT_LOGGED",
    "WORK_OUTSIDE_SLOT",
    "WRONG_SLOT_COUNT",
]

# --- one Semaphore, shared ---------------------------------------------------------------

NO_SLOT_TAKEN = Template(
    "no_slot_taken",
    "No process of your program acquired a `multiprocessing.Semaphore`: nothing limits how many "
    "workers run at once. Create `slots = multiprocessing.Semaphore({slots})` in the parent, pass "
    "it to every worker through `args`, and do each worker's work inside `with slots:`.",
)
ACQUIRED_ONLY_IN_MAIN = Template(
    "slot_taken_in_main",
    "Only the main process (pid {pid}) acquired {lock}: the work ran in the parent or in threads, "
    "not in worker processes. Start {workers} `multiprocessing.Process` workers and let each "
    "acquire the Semaphore itself.",
)
SEMAPHORE_PER_WORKER = Template(
    "semaphore_per_worker",
    "{label} acquired {lock}, which it made itself: each worker has a Semaphore of its own, so none "
    "of them ever waits for another. Create one Semaphore in the parent, under "
    '`if __name__ == "__main__":` (a module-level one is made again by each child that re-imports '
    "your file under spawn and forkserver), and pass that one to every worker through `args`.",
)
LOCK_NOT_SEMAPHORE = Template(
    "lock_not_semaphore",
    "Your workers share {lock}, made by the main process (pid {pid}): a lock lets one worker in "
    "at a time, so the second slot is never used. Use `multiprocessing.Semaphore({slots})`, which "
    "lets {slots} in.",
)
WRONG_SLOT_COUNT = Template(
    "wrong_slot_count",
    "Your workers share {lock}, made with value {value}: it lets {value} workers in at once, not "
    "{slots}. Create it as `multiprocessing.Semaphore({slots})`.",
)
TOO_FEW_WORKERS = Template(
    "too_few_slot_workers",
    "{count} child process(es) acquired {lock} ({labels}), not {workers}. Start {workers} worker "
    "processes, each of which holds a slot while it works.",
)

# --- acquire and release in pairs ------------------------------------------------------------

RELEASED_TWICE = Template(
    "semaphore_released_twice",
    "{label} released {lock} more often than it acquired it: each extra `release()` adds a slot, "
    "so later workers get in beyond the limit. Release once per acquire: `with slots:` does both.",
)
RELEASED_WITHOUT_ACQUIRE = Template(
    "semaphore_released_without_acquire",
    "{label} released {lock} before it had acquired it: that `release()` adds a slot nobody "
    "freed, so more workers get in than the Semaphore allows. Acquire first, then release once: "
    "`with slots:` does both.",
)

# --- what the slots held --------------------------------------------------------------------

TOO_MANY_AT_ONCE = Template(
    "too_many_in_slots",
    "{count} workers held {lock} at the same moment ({labels}), but only {slots} slots exist. Make "
    "sure each worker does its work inside one acquire and its release, and that nothing adds slots.",
)
NEVER_FULL = Template(
    "slots_never_full",
    "At most {count} worker(s) held {lock} at any moment, so {slots} slots were never in use "
    "together: the workers ran one after another. Start all the workers before you join any of "
    "them, and keep the work inside the slot.",
)
WORK_OUTSIDE_SLOT = Template(
    "work_outside_slot",
    '{label} logged "{message}" while it held no slot of {lock}: the work ran outside the '
    "Semaphore's limit. Log and work inside `with slots:`.",
)
WORK_NOT_LOGGED = Template(
    "work_not_logged",
    "No worker logged a line matching `{pattern}` through `logging`, so no work can be shown "
    "inside a slot. Log it from each worker while it holds the Semaphore.",
)
