"""The messages of the queue-deadlock checks (``judge/deadlock_checks.py``, ``judge/waits.py``).

They name the run's own processes ("Process-1 (pid 4242)") and queues ("Queue 1"), and the items
the run left unread: the "joining processes that use queues" deadlock of multiprocessing's
programming guidelines, told with this run's facts.
"""

from __future__ import annotations

from pytest_mpkata.judge.findings import Template

__all__ = [
    "ITEMS_TOO_SMALL",
    "JOINED_BEFORE_DRAINING",
    "JOIN_ON_A_FULL_QUEUE",
    "NOT_ALL_RECEIVED",
    "NO_ITEMS_PUT",
    "TOO_FEW_BLOCKS",
]

JOIN_ON_A_FULL_QUEUE = Template(
    "join_on_a_full_queue",
    "Deadlock: the parent {parent} waited in join() for {child} while {child} could not exit "
    "because its queue ({queue}) still held {unread} item(s) nobody read. A process that put "
    "items on a Queue waits, as it exits, until they are all written into the queue's pipe, and a "
    "full pipe empties only when someone calls get(). Take every item with get() before you "
    "join() the child.",
)
NO_ITEMS_PUT = Template(
    "no_items_put",
    "No child put {items} items on a `multiprocessing.Queue` the parent made{evidence}: the "
    "producer child must put every block on the queue it was given.",
)
NOT_ALL_RECEIVED = Template(
    "not_all_received",
    "{child} put {put} item(s) on {queue}, and the parent {parent} took {got} of them with get(). "
    "Take every item: one get() per item the child put, before anything else.",
)
JOINED_BEFORE_DRAINING = Template(
    "joined_before_draining",
    "The parent {parent} joined {child} before it took the last item from {queue} with get(). "
    "This run ended, but only because the pipe happened to hold what was left: take every item "
    "first, then join().",
)
TOO_FEW_BLOCKS = Template(
    "too_few_blocks",
    "{child} put {count} block(s) on {queue}; the task asks for {items}. Put every block, so the "
    "parent has {items} to take.",
)
ITEMS_TOO_SMALL = Template(
    "items_too_small",
    "{child} put {count} item(s) of {smallest} bytes or less on {queue}; the task asks for blocks of "
    "{size} bytes. Small items fit in the pipe and hide the deadlock: keep the blocks as large as "
    "the statement says, and take them before you join.",
)
