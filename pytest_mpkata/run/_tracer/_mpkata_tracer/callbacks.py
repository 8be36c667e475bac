"""The callbacks a program gives a pool: each call of a ``callback`` or ``error_callback``.

``apply_async``, ``map_async`` and ``starmap_async`` hand each result (or the exception a task
raised) to the program's callback in the parent's result-handler thread, never in a worker.  A
callback that was never called means results the program never saw (a pool terminated, or left
to die at exit, before its results came back); one that computes means work done in the thread
every other result waits behind.  The callback is wrapped in the parent, where it stays: it is
never pickled.
"""

import time

from _mpkata_tracer.core import bounded_repr, bounded_str, qualified_name, records, thread_name
from _mpkata_tracer.messages import emit_counted

CALLBACK_METHODS = ("apply_async", "map_async", "starmap_async")
HANDLER_POSITIONS = {"callback": 2, "error_callback": 3}
"""Where each handler sits among these methods' arguments after the function (``apply_async(func,
args, kwds, callback, error_callback)``, ``map_async(func, iterable, chunksize, callback, ...)``)."""


def with_followed_callbacks(method, pool, args, kwargs):
    """The arguments of a pool call, with its callbacks wrapped so that each call is recorded."""
    if method not in CALLBACK_METHODS:
        return args, kwargs
    args = list(args)
    for handler, position in HANDLER_POSITIONS.items():
        if handler in kwargs:
            kwargs[handler] = _followed(kwargs[handler], pool, handler)
        elif len(args) > position:
            args[position] = _followed(args[position], pool, handler)
    return tuple(args), kwargs


def _followed(callback, pool, handler):
    if not callable(callback):
        return callback

    def followed(outcome):
        called, cpu = time.time(), time.thread_time()
        try:
            return callback(outcome)
        finally:
            if handler == "error_callback":
                shown = {"error": type(outcome).__name__ + ": " + bounded_str(outcome)}
            else:
                shown = {"value": bounded_repr(outcome)}
            emit_counted(
                records.POOL_CALLBACK,
                pool=pool,
                handler=handler,
                func=getattr(callback, "__qualname__", None) or qualified_name(callback),
                thread=thread_name(),
                called=called,
                cpu=round(time.thread_time() - cpu, 4),
                **shown,
            )

    return followed
