"""The futures of ``ProcessPoolExecutor.submit``: when each outcome reached the parent, and
when the program waited on one that had not.

``received`` records what the program read from a future; this module records the two moments
that say in which order it read them.  A future's outcome is set in the parent by the executor's
own thread (``FUTURE_DONE``, written before the future is marked done).  A ``result()`` or
``exception()`` called on a future not done yet blocks (``FUTURE_WAIT``, written before it
waits): ``as_completed`` never does that, a program reading its futures in the order it
submitted them does, while others' outcomes are already in.  A program that waits before it has
submitted all its tasks ran them one at a time: ``submitted`` says how many it had handed over.
"""

import os

from _mpkata_tracer.core import bounded_repr, bounded_str, records
from _mpkata_tracer.messages import emit_counted
from _mpkata_tracer.received import FOLLOWED

_submitted = {}
"""Executor key -> how many tasks the program has submitted to it in this process."""


def note_submitted(pool):
    """One more task submitted to the executor ``pool``."""
    _submitted[pool] = _submitted.get(pool, 0) + 1


def _key(future):
    return "%d:%d" % (os.getpid(), id(future))


def _note_wait(future):
    followed = getattr(future, FOLLOWED, None)
    if followed is not None and not future.done():
        pool = followed[0]
        emit_counted(records.FUTURE_WAIT, pool=pool, future=_key(future), submitted=_submitted.get(pool, 0))


def _waits(original):
    def method(self, timeout=None):
        _note_wait(self)
        return original(self, timeout)

    return method


def _as_value(result):
    return {"value": bounded_repr(result)}


def _as_error(exception):
    return {"error": type(exception).__name__ + ": " + bounded_str(exception)}


def _done(original, outcome):
    """``set_result`` or ``set_exception``, recording the outcome (``outcome`` names its field)."""

    def method(self, given):
        followed = getattr(self, FOLLOWED, None)
        if followed is not None:
            emit_counted(records.FUTURE_DONE, pool=followed[0], future=_key(self), **outcome(given))
        return original(self, given)

    return method


def patch_future_moments(future_class):
    """Wrap a Future class whose ``result``/``exception`` ``received`` already follows."""
    future_class.result = _waits(future_class.result)
    future_class.exception = _waits(future_class.exception)
    future_class.set_result = _done(future_class.set_result, _as_value)
    future_class.set_exception = _done(future_class.set_exception, _as_error)
