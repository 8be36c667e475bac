"""``multiprocessing``'s synchronisation primitives: who set and waited on an Event, who passed
a Barrier, who held a Lock or a Semaphore, and when.

Only primitives the program asked for itself are recorded: ``multiprocessing`` builds its
Conditions, Events, Queues and shared Values out of the same Locks and Semaphores.  A primitive
is known by a key made where it was created (``pid:id``), which a forked child inherits and a
spawned child receives with the primitive's pickled state.

Moments are written on the safe side of what they record: a release and a ``set()`` before they
happen, an acquire and a returned ``wait()`` after; a recorded holding of a lock is always
inside the real one, and no waiter can wake before the recorded ``set()``.
"""

import os
import sys
import time

from _mpkata_tracer import audit
from _mpkata_tracer.core import records, thread_name
from _mpkata_tracer.messages import KEY, LIBRARY, carry_key, emit_counted

STATE_MARK = "_mpkata_sync"


def _module(frame):
    return frame.f_globals.get("__name__") or ""


def _asked_for_by_program():
    """True when the program itself called the primitive's constructor (or the context's
    factory for it), not another primitive, a queue or a pool."""
    frame = sys._getframe(1)
    while frame is not None and _module(frame).startswith("_mpkata_tracer"):
        frame = frame.f_back
    while (
        frame is not None
        and _module(frame) == "multiprocessing.synchronize"
        and frame.f_code.co_name == "__init__"
    ):
        frame = frame.f_back
    if frame is not None and _module(frame) == "multiprocessing.context":
        frame = frame.f_back
    return frame is not None and not _module(frame).startswith(LIBRARY)


def _traced_init(original, made=None):
    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        if getattr(self, KEY, None) is None and _asked_for_by_program():
            setattr(self, KEY, "%d:%d" % (os.getpid(), id(self)))
            _wrap_methods(self)
            if made is not None:
                made(self, *args, **kwargs)

    return __init__


# --- Lock, RLock, Semaphore, BoundedSemaphore -------------------------------------------------


def _wrap_methods(lock):
    """A SemLock's ``acquire``/``release`` are the C object's own, set on each instance."""
    if not hasattr(lock, "_semlock"):
        return
    _route_with_statements()
    key, kind = getattr(lock, KEY), type(lock).__name__
    acquire, release = lock._semlock.acquire, lock._semlock.release

    def traced_acquire(*args, **kwargs):
        called = time.time()
        got = acquire(*args, **kwargs)
        if got:
            emit_counted(records.LOCK_ACQUIRE, lock=key, type=kind, thread=thread_name(), called=called)
        return got

    def traced_release():
        emit_counted(records.LOCK_RELEASE, lock=key, type=kind, thread=thread_name())
        return release()

    lock.acquire, lock.release = traced_acquire, traced_release


def _record_made(lock, kind=None, value=None, *args, **kwargs):
    """``SemLock(kind, value, maxvalue)``: the value is a Semaphore's number of slots."""
    key, made_as = getattr(lock, KEY), type(lock).__name__
    value = kwargs.get("value", value)
    emit_counted(records.LOCK_MADE, lock=key, type=made_as, thread=thread_name(), value=value)


def _route_with_statements():
    """``with lock:`` calls the type's ``__enter__``, which goes to the C semaphore past the
    instance's traced ``acquire``: route it through ``acquire``/``release``, from the first lock
    the program makes.  Until then (a program whose only locks are a Value's or a Queue's) every
    ``with`` keeps multiprocessing's own, untraced and a Python call cheaper."""
    semlock = sys.modules["multiprocessing.synchronize"].SemLock
    if getattr(semlock, _ROUTED, False):
        return
    with audit.patching():
        semlock.__enter__ = _traced_enter(semlock.__enter__)
        semlock.__exit__ = _traced_exit(semlock.__exit__)
        setattr(semlock, _ROUTED, True)


_ROUTED = "_mpkata_with_routed"


def _traced_enter(original):
    def __enter__(self):
        if getattr(self, KEY, None) is None:
            return original(self)
        return self.acquire()

    return __enter__


def _traced_exit(original):
    def __exit__(self, *args):
        if getattr(self, KEY, None) is None:
            return original(self, *args)
        return self.release()

    return __exit__


# --- Event, Barrier -------------------------------------------------------------------------------


def _traced_set(original):
    def set(self):
        key = getattr(self, KEY, None)
        if key is not None:
            emit_counted(records.EVENT_SET, event=key, thread=thread_name())
        return original(self)

    return set


def _traced_event_wait(original):
    def wait(self, timeout=None):
        called = time.time()
        key = getattr(self, KEY, None)
        if key is not None:
            emit_counted(records.EVENT_WAITING, event=key, thread=thread_name())
        flag = original(self, timeout)
        if key is not None:
            emit_counted(records.EVENT_WAIT, event=key, thread=thread_name(), called=called, flag=bool(flag))
        return flag

    return wait


def _in_repr():
    return sys._getframe(2).f_code.co_name == "__repr__"


_polled = set()
"""(pid, key) of the Events this process has polled: a forked child inherits the set, not the pid."""


def _traced_is_set(original):
    def is_set(self):
        key = getattr(self, KEY, None)
        # an Event's repr() asks is_set(): the tracer's own record of a Process's args would poll
        if key is not None and (os.getpid(), key) not in _polled and not _in_repr():
            _polled.add((os.getpid(), key))
            emit_counted(records.EVENT_POLLED, event=key, thread=thread_name())
        return original(self)

    return is_set


def _traced_barrier_wait(original):
    def wait(self, timeout=None):
        called = time.time()
        index = -1
        key = getattr(self, KEY, None)
        if key is not None:
            emit_counted(records.BARRIER_WAITING, barrier=key, thread=thread_name(), parties=self.parties)
        try:
            index = original(self, timeout)
            return index
        finally:
            if key is not None:
                emit_counted(
                    records.BARRIER_WAIT,
                    barrier=key,
                    thread=thread_name(),
                    called=called,
                    parties=self.parties,
                    index=index,
                )

    return wait


def patch_synchronize(module):
    semlock = module.SemLock
    semlock.__init__ = _traced_init(semlock.__init__, _record_made)
    carry_key(semlock, STATE_MARK, _wrap_methods)
    # an Event's state is its __dict__, which carries the key as it is
    module.Event.__init__ = _traced_init(module.Event.__init__)
    module.Event.set = _traced_set(module.Event.set)
    module.Event.wait = _traced_event_wait(module.Event.wait)
    module.Event.is_set = _traced_is_set(module.Event.is_set)
    barrier = module.Barrier
    barrier.__init__ = _traced_init(barrier.__init__)
    carry_key(barrier, STATE_MARK)
    barrier.wait = _traced_barrier_wait(barrier.wait)
