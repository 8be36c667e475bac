"""Writes to a shared ``multiprocessing.Value`` through ``.value``, and whether its lock was held.

``counter.value += 1`` is a read and a write, each taking the Value's lock for itself only;
the increment is safe only when the program holds the lock around both
(``with counter.get_lock():``).  So each write asks the lock whether this thread already held
it.  Writes are summed per process and recorded once, as the process ends: a loop of
thousands of writes costs no record each.
"""

import os
import time

from _mpkata_tracer.core import at_process_end, emit, records

_tallies = {}
_tallies_pid = [os.getpid()]
"""The process the tallies belong to; a forked child clears them (and takes the pid) as it starts."""


def _key(value):
    """The Value's key: its lock's semaphore name, the same in every process (None under fork,
    where children inherit the key made in the parent)."""
    key = getattr(value, "_mpkata_key", None)
    if key is None:
        name = getattr(getattr(value._lock, "_semlock", None), "name", None)
        key = name or "%d:%d" % (os.getpid(), id(value))
        value._mpkata_key = key
    return key


def _semaphore_probe():
    """``SemLock._is_mine`` itself, taken from the C type as the tracer loads: it reads the
    semaphore's owner and count, and a program cannot replace it on the type or an instance."""
    try:
        import _multiprocessing

        return _multiprocessing.SemLock._is_mine
    except Exception:
        return None


_IS_MINE = _semaphore_probe()


def _lock_held(value, is_mine=_IS_MINE):
    """Whether this thread holds the Value's own lock, asked of the semaphore directly.

    A lock that is no real semaphore (a stand-in object) protects nothing: not held.
    """
    semlock = getattr(value._lock, "_semlock", None)
    if is_mine is None:
        return None
    try:
        return bool(is_mine(semlock))
    except TypeError:
        return False
    except Exception:
        return None


WRITES, UNLOCKED, OVERWROTE, FIRST_OVERWRITE, LAST_OLD, LAST_NEW, LAST_TIME = range(7)
"""A tally is a list, one slot per fact: a write in a tight loop costs a few stores."""


def _forget_parent_tallies():
    """In a forked child: the parent's writes are the parent's (``os.register_at_fork``)."""
    _tallies.clear()
    _tallies_pid[0] = os.getpid()


if hasattr(os, "register_at_fork"):  # as the module loads: a forkserver may load it unpatched
    os.register_at_fork(after_in_child=_forget_parent_tallies)


def _tally(key):
    tally = _tallies.get(key)
    if tally is None:
        tally = _tallies[key] = [0, 0, 0, None, None, None, None]
    return tally


def _note_write(key, old, new, held, _time=time.time, _number=(int, float)):
    tally = _tallies.get(key) or _tally(key)
    tally[WRITES] += 1
    if held is False:
        tally[UNLOCKED] += 1
    if isinstance(old, _number) and isinstance(new, _number) and new <= old:
        tally[OVERWROTE] += 1
        if tally[FIRST_OVERWRITE] is None:
            tally[FIRST_OVERWRITE] = [old, new]
    tally[LAST_OLD], tally[LAST_NEW], tally[LAST_TIME] = old, new, _time()


def _record_tallies():
    if _tallies_pid[0] != os.getpid():
        return
    for key, tally in _tallies.items():
        emit(
            records.VALUE_WRITES,
            value=key,
            writes=tally[WRITES],
            unlocked=tally[UNLOCKED],
            overwrote=tally[OVERWROTE],
            first_overwrite=tally[FIRST_OVERWRITE],
            last=[tally[LAST_OLD], tally[LAST_NEW]],
            last_time=tally[LAST_TIME],
        )


def _value_setter(prop, _lock_held=_lock_held, _note_write=_note_write, _key=_key):
    """The traced ``value`` setter, its helpers bound as this module loads (as defaults): a
    program that rebinds the module's names afterwards changes nothing here."""
    fset = prop.fset

    def set_value(self, new, _lock_held=_lock_held, _note_write=_note_write, _key=_key):
        held = _lock_held(self)
        try:
            old = self._obj.value
        except Exception:
            old = None
        fset(self, new)
        try:
            _note_write(_key(self), old, new, held)
        except Exception:
            pass

    return set_value


def patch_value(module, _value_setter=_value_setter, _key=_key):
    synchronized = module.Synchronized
    prop = synchronized.value
    original_init = synchronized.__init__
    set_value = _value_setter(prop)

    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        try:
            _key(self)
        except Exception:
            pass

    synchronized.value = property(prop.fget, set_value)
    synchronized.__init__ = __init__
    at_process_end(_record_tallies)
