"""The messages of the checks of Events and Barriers (``judge/sync_checks.py``, ``judge/waits.py``).

Like ``judge/messages.py``: each template carries the stable kind of finding it reports, and
names the run's own processes ("Process-2 (pid 4242)") and primitives ("Event 1", "Barrier 1":
numbered in the order the run first used them, as the picture numbers them).
"""

from __future__ import annotations

from pytest_mpkata.judge.findings import Template

__all__ = [
    "BARRIER_IN_MAIN_ONLY",
    "BARRIER_NEVER_FILLED",
    "BARRIER_OF_ITS_OWN",
    "BARRIER_PARTIES_FIX",
    "BARRIER_PER_WORKER",
    "BARRIER_TOO_SMALL",
    "EVENT_NEVER_SET",
    "EVENT_NOT_SET_BY_PARENT",
    "EVENT_PER_WORKER",
    "EVENT_POLLED",
    "EVENT_SET_BEFORE_START",
    "MADE_IN_THE_WAITER",
    "NO_BARRIER",
    "NO_EVENT_WAIT",
    "PHASE_LINE_MISSING",
    "PHASE_OUT_OF_ORDER",
    "PHASE_OVERLAP",
    "WAITS_ELSEWHERE",
    "WORK_BEFORE_GO",
    "WORK_NOT_BY_WORKER",
]

# --- an Event as a go signal ------------------------------------------------------------------

NO_EVENT_WAIT = Template(
    "no_event_wait",
    "{label} never called `wait()` on a `multiprocessing.Event`: a worker starts, then waits with "
    "`go.wait()` before its work. Pass the parent's Event to each worker through `args`.",
)
EVENT_POLLED = Template(
    "event_polled",
    "{label} polled {event} with `is_set()` instead of waiting on it: a loop around `is_set()` "
    "burns the CPU while it waits. Call `go.wait()`, which sleeps until the parent calls `set()`.",
)
EVENT_PER_WORKER = Template(
    "event_per_worker",
    "Your workers waited on {count} different Events ({events}): one go signal is one Event. Create "
    "`go = multiprocessing.Event()` once in the parent and pass that same Event to every worker.",
)
EVENT_NOT_SET_BY_PARENT = Template(
    "event_not_set_by_parent",
    "The parent (pid {pid}) never called `set()` on {event}, the Event your workers waited on{setter}. "
    "The parent gives the go: `go.set()` once it has started every worker.",
)
EVENT_SET_BEFORE_START = Template(
    "event_set_before_start",
    "The parent set {event} before it started {labels}: those workers found the signal already "
    "given and never waited for it. Start every worker first, then call `go.set()`.",
)
WORK_BEFORE_GO = Template(
    "work_before_go",
    "{label} logged {message!r} before its `wait()` on {event} returned: a worker waits for the go "
    "signal first, then works. Call `go.wait()` at the top of the worker, before logging.",
)
WORK_NOT_BY_WORKER = Template(
    "work_not_by_worker",
    "{message!r} was logged by {label}, which never waited on {event}: each worker process logs its "
    "own line, after its own `go.wait()`.",
)

# --- a Barrier between two phases -------------------------------------------------------------

NO_BARRIER = Template(
    "no_barrier",
    "{label} never waited at a `multiprocessing.Barrier`: nothing stopped it from starting phase 2 "
    "while others were still in phase 1. Call `barrier.wait()` between the worker's two phases.",
)
BARRIER_IN_MAIN_ONLY = Template(
    "barrier_in_main_only",
    "Only the parent (pid {pid}) waited at {barrier}; the workers never did, so it separated "
    "nothing. Pass the Barrier to each worker and call `barrier.wait()` there, between its phases.",
)
BARRIER_PER_WORKER = Template(
    "barrier_per_worker",
    "Your workers passed {count} different Barriers ({barriers}): a Barrier holds back only the "
    "processes that wait at that same Barrier. Create one `multiprocessing.Barrier({workers})` in "
    "the parent and pass it to every worker.",
)
BARRIER_TOO_SMALL = Template(
    "barrier_too_small",
    "{barrier} has {parties} parties for {workers} workers: it let each group of {parties} through "
    "without waiting for the rest, so some workers began phase 2 while others were in phase 1. "
    "Make it `multiprocessing.Barrier({workers})`, one party per worker.",
)
PHASE_LINE_MISSING = Template(
    "phase_line_missing",
    "{label} passed {barrier} but logged no line matching {pattern!r}: each worker logs its "
    "phase 1 line before `barrier.wait()` and its phase 2 line after.",
)
PHASE_OUT_OF_ORDER = Template(
    "phase_out_of_order",
    "{label} logged {message!r} {when} its `wait()` at {barrier}: log phase 1 before "
    "`barrier.wait()` and phase 2 after it returns.",
)
PHASE_OVERLAP = Template(
    "phase_overlap",
    "{first_label} logged {first!r} before {second_label} logged {second!r}: one process began "
    "phase 2 while another was still in phase 1. Every worker must wait at the same Barrier, "
    "with one party per worker, between its phases.",
)

# --- a run stopped while processes waited -------------------------------------------------------

EVENT_NEVER_SET = Template(
    "event_never_set",
    "{labels} waited in `wait()` on {event}, which no process ever set, until the run was stopped. {fix}",
)
BARRIER_NEVER_FILLED = Template(
    "barrier_never_filled",
    "{barrier} has {parties} parties, but only {reached} process(es) reached it ({labels}): they "
    "waited for the rest until the run was stopped. {fix}",
)
WAITS_ELSEWHERE = (
    "The parent calls `set()` on the Event it passed to the workers once it has started them all."
)
MADE_IN_THE_WAITER = (
    "{what} was made by {where}, not by the parent: an Event or Barrier created at module level "
    "is made again by every process that imports your file (each spawned child, the fork "
    'server), so it is never the parent\'s. Create it under `if __name__ == "__main__":` and '
    "pass it to each worker through `args`."
)
BARRIER_OF_ITS_OWN = (
    "Each process waited at a Barrier of its own ({barriers} of them): create one Barrier in the "
    "parent and pass that same one to every worker."
)
BARRIER_PARTIES_FIX = (
    "Give the Barrier one party per process that waits at it: `multiprocessing.Barrier({reached})` "
    "when every worker waits there and the parent does not."
)
