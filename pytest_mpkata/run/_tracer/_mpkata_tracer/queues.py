"""``multiprocessing.Queue`` (and ``JoinableQueue``, ``SimpleQueue``): who put and who got what.

A queue is known by a key made where it was created (``pid:id``); the key travels with the
queue when it is pickled for a spawned child, and a forked child inherits it.
"""

import os
import weakref

from _mpkata_tracer.core import records, thread_name
from _mpkata_tracer.messages import KEY, carry_key, emit_counted, emit_message, made_by_program

STATE_MARK = "_mpkata_queue"
CONSTRUCTORS = ("_mpkata_tracer", "multiprocessing.context", "multiprocessing.queues")
_FEEDERS = weakref.WeakKeyDictionary()
"""A queue's feeder thread -> the queue's key, for the wait at exit that flushes it."""


def _traced_init(original):
    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        if made_by_program(CONSTRUCTORS):
            setattr(self, KEY, "%d:%d" % (os.getpid(), id(self)))

    return __init__


def _size(obj):
    return len(obj) if isinstance(obj, (bytes, bytearray, str)) else None


def _traced_put(original):
    def put(self, obj, *args, **kwargs):
        key = getattr(self, KEY, None)
        if key is not None:
            emit_message(records.QUEUE_PUT, obj, queue=key, size=_size(obj))
        return original(self, obj, *args, **kwargs)

    return put


def _traced_get(original):
    def get(self, *args, **kwargs):
        obj = original(self, *args, **kwargs)
        key = getattr(self, KEY, None)
        if key is not None:
            emit_message(records.QUEUE_GET, obj, queue=key, size=_size(obj))
        return obj

    return get


def _traced_start_thread(original):
    def _start_thread(self):
        original(self)
        key = getattr(self, KEY, None)
        if key is not None and getattr(self, "_thread", None) is not None:
            _FEEDERS[self._thread] = key

    return _start_thread


def _traced_finalize_join(original):
    """The wait a process makes at exit until its queue's feeder has written every item to the
    pipe: forever, when nobody reads the other end and the pipe is full."""

    def _finalize_join(twr):
        thread = twr()
        key = _FEEDERS.get(thread) if thread is not None and thread.is_alive() else None
        if key is not None:
            emit_counted(records.QUEUE_FLUSHING, queue=key, thread=thread_name())
        original(twr)
        if key is not None:
            emit_counted(records.QUEUE_FLUSHED, queue=key, thread=thread_name())

    return staticmethod(_finalize_join)


def patch_queues(module):
    for cls in (module.Queue, module.SimpleQueue):
        cls.__init__ = _traced_init(cls.__init__)
        carry_key(cls, STATE_MARK)
        cls.put = _traced_put(cls.put)
        cls.get = _traced_get(cls.get)
    module.Queue._start_thread = _traced_start_thread(module.Queue._start_thread)
    module.Queue._finalize_join = _traced_finalize_join(module.Queue._finalize_join)
    # JoinableQueue has its own put(); its state wraps Queue's, which is traced already
    module.JoinableQueue.put = _traced_put(module.JoinableQueue.put)
