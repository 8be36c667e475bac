"""``multiprocessing.Queue`` (and ``JoinableQueue``, ``SimpleQueue``): who put and who got what.

A queue is known by a key made where it was created (``pid:id``); the key travels with the
queue when it is pickled for a spawned child, and a forked child inherits it.
"""

import os

from _mpkata_tracer.core import records
from _mpkata_tracer.messages import emit_message, made_by_program

STATE_MARK = "_mpkata_queue"
CONSTRUCTORS = ("_mpkata_tracer", "multiprocessing.context", "multiprocessing.queues")


def _traced_init(original):
    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        if made_by_program(CONSTRUCTORS):
            self._mpkata_key = "%d:%d" % (os.getpid(), id(self))

    return __init__


def _traced_getstate(original):
    def __getstate__(self):
        return (STATE_MARK, original(self), getattr(self, "_mpkata_key", None))

    return __getstate__


def _traced_setstate(original):
    def __setstate__(self, state):
        if len(state) == 3 and state[0] == STATE_MARK:
            state, self._mpkata_key = state[1], state[2]
        original(self, state)

    return __setstate__


def _traced_put(original):
    def put(self, obj, *args, **kwargs):
        key = getattr(self, "_mpkata_key", None)
        if key is not None:
            emit_message(records.QUEUE_PUT, obj, queue=key)
        return original(self, obj, *args, **kwargs)

    return put


def _traced_get(original):
    def get(self, *args, **kwargs):
        obj = original(self, *args, **kwargs)
        key = getattr(self, "_mpkata_key", None)
        if key is not None:
            emit_message(records.QUEUE_GET, obj, queue=key)
        return obj

    return get


def patch_queues(module):
    for cls in (module.Queue, module.SimpleQueue):
        cls.__init__ = _traced_init(cls.__init__)
        cls.__getstate__ = _traced_getstate(cls.__getstate__)
        cls.__setstate__ = _traced_setstate(cls.__setstate__)
        cls.put = _traced_put(cls.put)
        cls.get = _traced_get(cls.get)
    # JoinableQueue has its own put(); its state wraps Queue's, which is traced already
    module.JoinableQueue.put = _traced_put(module.JoinableQueue.put)
