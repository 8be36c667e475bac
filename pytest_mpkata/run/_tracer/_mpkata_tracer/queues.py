"""``multiprocessing.Queue`` (and ``JoinableQueue``, ``SimpleQueue``): who put and who got what.

A queue is known by a key made where it was created (``pid:id``); the key travels with the
queue when it is pickled for a spawned child, and a forked child inherits it.
"""

import os

from _mpkata_tracer.core import records
from _mpkata_tracer.messages import KEY, carry_key, emit_message, made_by_program

STATE_MARK = "_mpkata_queue"
CONSTRUCTORS = ("_mpkata_tracer", "multiprocessing.context", "multiprocessing.queues")


def _traced_init(original):
    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        if made_by_program(CONSTRUCTORS):
            setattr(self, KEY, "%d:%d" % (os.getpid(), id(self)))

    return __init__


def _traced_put(original):
    def put(self, obj, *args, **kwargs):
        key = getattr(self, KEY, None)
        if key is not None:
            emit_message(records.QUEUE_PUT, obj, queue=key)
        return original(self, obj, *args, **kwargs)

    return put


def _traced_get(original):
    def get(self, *args, **kwargs):
        obj = original(self, *args, **kwargs)
        key = getattr(self, KEY, None)
        if key is not None:
            emit_message(records.QUEUE_GET, obj, queue=key)
        return obj

    return get


def patch_queues(module):
    for cls in (module.Queue, module.SimpleQueue):
        cls.__init__ = _traced_init(cls.__init__)
        carry_key(cls, STATE_MARK)
        cls.put = _traced_put(cls.put)
        cls.get = _traced_get(cls.get)
    # JoinableQueue has its own put(); its state wraps Queue's, which is traced already
    module.JoinableQueue.put = _traced_put(module.JoinableQueue.put)
