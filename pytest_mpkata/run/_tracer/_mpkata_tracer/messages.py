"""What queues and pipes share: telling the program's own objects from the library's, and a bound.

``multiprocessing`` builds its pools, executors and queues out of the same queues and pipes a
program uses, so only objects the program itself made are recorded: past the frames of the
constructor itself (``passing``: this tracer, ``multiprocessing.context``...), the caller
must be neither ``multiprocessing`` nor ``concurrent.futures``.
"""

import os
import sys

from _mpkata_tracer.core import at_process_end, bounded_repr, emit, records

LIBRARY = ("multiprocessing", "concurrent.")
KEY = "_mpkata_key"
"""The attribute holding an object's key (``pid:id`` of its maker)."""

_budget = {"pid": -1, "left": 0, "dropped": 0}


def made_by_program(passing):
    """True when the object being made was asked for by the program, not by the library."""
    frame = sys._getframe(1)
    while frame is not None:
        name = frame.f_globals.get("__name__") or ""
        if not name.startswith(passing):
            return not name.startswith(LIBRARY)
        frame = frame.f_back
    return False


def carry_key(cls, mark, arrived=None):
    """Let an object's key travel with its pickled state to a spawned child (a forked child
    inherits it as it is); ``arrived(obj)`` runs on an object that arrived with a key."""
    getstate, setstate = cls.__getstate__, cls.__setstate__

    def __getstate__(self):
        return (mark, getstate(self), getattr(self, KEY, None))

    def __setstate__(self, state):
        key = None
        if isinstance(state, tuple) and len(state) == 3 and state[0] == mark:
            state, key = state[1], state[2]
        setstate(self, state)
        if key is not None:
            setattr(self, KEY, key)
            if arrived is not None:
                arrived(self)

    cls.__getstate__, cls.__setstate__ = __getstate__, __setstate__


def emit_message(kind, item, **fields):
    """Record one put/get/send/recv, within this process's ``MESSAGES_LIMIT``."""
    emit_counted(kind, item=bounded_repr(item), **fields)


def emit_counted(kind, /, **fields):
    """Record one exchange or synchronisation, within this process's ``MESSAGES_LIMIT``: a
    program that takes a lock a million times keeps its other records."""
    if _budget["pid"] != os.getpid():
        _budget.update(pid=os.getpid(), left=records.MESSAGES_LIMIT, dropped=0)
    if _budget["left"] <= 0:
        _budget["dropped"] += 1
        return
    _budget["left"] -= 1
    emit(kind, **fields)


def _record_dropped():
    if _budget["pid"] == os.getpid() and _budget["dropped"]:
        emit(records.MESSAGES_DROPPED, count=_budget["dropped"])


at_process_end(_record_dropped)
