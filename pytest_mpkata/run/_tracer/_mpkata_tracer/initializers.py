"""A Pool's initializer: the worker process it ran in, once, and what it returned.

The initializer is named as the program wrote it (``connect``), the same under every start
method (a spawned worker knows the main module as ``__mp_main__``).

``Pool(initializer=..., initargs=...)`` hands the initializer to every worker it starts, the
first ones and those that replace a worker retired by ``maxtasksperchild``; the worker calls it
once, before its first task.  Wrapping it where the pool starts its workers shows that call in
the worker itself, under every start method: a spawned worker unpickles the wrapper with the
initializer inside.
"""

from _mpkata_tracer.core import bounded_repr, emit, qualified_name, records

MAX_NAMES = 20
"""Globals one initializer call may report as set."""


class TracedInitializer:
    """A picklable stand-in for a pool's initializer that records the call in its worker."""

    def __init__(self, func, pool):
        self.func, self.pool = func, pool

    def __reduce__(self):
        return (TracedInitializer, (self.func, self.pool))

    def __call__(self, *args):
        space = getattr(self.func, "__globals__", None)
        before = _snapshot(space) if isinstance(space, dict) else {}
        returned = self.func(*args)
        emit(
            records.POOL_INIT,
            pool=self.pool,
            initializer=getattr(self.func, "__qualname__", None) or qualified_name(self.func),
            args=bounded_repr(args),
            returned=bounded_repr(returned),
            set=_rebound(before, space) if isinstance(space, dict) else {},
        )
        return returned


CONTAINERS = (dict, list, set)
"""Globals an initializer may fill in place (``state["connection"] = ...``) rather than rebind."""


def _snapshot(space):
    """Each global's value, and the repr of those a call could change in place."""
    return {
        name: (value, bounded_repr(value) if isinstance(value, CONTAINERS) else None)
        for name, value in list(space.items())
        if not name.startswith("__")
    }


def _rebound(before, after):
    """The globals the call set, rebound or filled: per-worker state lives there."""
    changed = {}
    for name, (value, shown) in _snapshot(after).items():
        if len(changed) >= MAX_NAMES:
            break
        old = before.get(name)
        if old is None or old[0] is not value or old[1] != shown:
            changed[name] = shown if shown is not None else bounded_repr(value)
    return changed


def traced(initializer, pool):
    """The initializer a pool hands its new workers, recorded; None stays None."""
    if initializer is None or isinstance(initializer, TracedInitializer):
        return initializer
    return TracedInitializer(initializer, pool)
