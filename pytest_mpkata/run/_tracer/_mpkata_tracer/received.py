"""What the parent receives from a pool, as it receives it: the values a program reads.

A pool's tasks run in its workers whether or not the program ever reads their results, so a
``TASK`` record alone cannot tell an answer that used the results from one that recomputed them
or dropped them.  Each value is recorded when it reaches the program: ``get()`` of ``map`` and
``apply`` (and their async forms), each ``next()`` of an ``imap``/``imap_unordered`` iterator or
of ``ProcessPoolExecutor.map``'s iterator, and ``result()``/``exception()`` of a future that
``ProcessPoolExecutor.submit`` returned (``as_completed`` and ``wait`` hand back those futures).
A list of results (``map``) is recorded one element per record, so each element reads the same
as the ``TASK`` record of the call that computed it.  A program can read a million results, so
these records share the tracer's bound on exchanges (``emit_counted``).
"""

from _mpkata_tracer.core import bounded_repr, bounded_str, records
from _mpkata_tracer.messages import emit_counted

FOLLOWED = "_mpkata_received"
"""The attribute naming (pool key, method) on an iterator or future whose values are recorded."""


def record_value(pool, method, value):
    """One value the program received from ``pool`` through ``method``."""
    emit_counted(records.POOL_RESULT, pool=pool, method=method, value=bounded_repr(value))


def record_values(pool, method, values):
    """A list of results (``map``, ``starmap``) as the values they are, one record each."""
    for value in values:
        record_value(pool, method, value)


def record_error(pool, method, error):
    """An exception a task raised, as the program received it instead of a value."""
    emit_counted(
        records.POOL_RESULT, pool=pool, method=method, error=type(error).__name__ + ": " + bounded_str(error)
    )


def follow(thing, pool, method):
    """Mark an iterator or future so that what the program reads from it is recorded."""
    setattr(thing, FOLLOWED, (pool, method))
    return thing


def each_received(iterator, pool, method):
    """Yield what ``iterator`` yields, recording each value as the program takes it."""
    for value in iterator:
        record_value(pool, method, value)
        yield value


def patch_iterator_next(iterator_class):
    """``next()`` of a followed ``imap`` iterator records the value it returns."""
    original = iterator_class.next

    def next(self, timeout=None):
        value = original(self, timeout)
        followed = getattr(self, FOLLOWED, None)
        if followed is not None:
            record_value(followed[0], followed[1], value)
        return value

    iterator_class.next = iterator_class.__next__ = next


def patch_future(future_class):
    """``result()`` and ``exception()`` of a followed future record what the program got."""
    original_result, original_exception = future_class.result, future_class.exception

    def result(self, timeout=None):
        followed = getattr(self, FOLLOWED, None)
        if followed is None:
            return original_result(self, timeout)
        try:
            value = original_result(self, timeout)
        except BaseException as error:
            if self.done() and not self.cancelled():
                record_error(followed[0], followed[1], error)
            raise
        record_value(followed[0], followed[1], value)
        return value

    def exception(self, timeout=None):
        error = original_exception(self, timeout)
        followed = getattr(self, FOLLOWED, None)
        if followed is not None and error is not None:
            record_error(followed[0], followed[1], error)
        return error

    future_class.result, future_class.exception = result, exception
