"""``multiprocessing.Pipe``: what crossed each end of a pipe the program made, and which ends it closed.

Each end of a ``Pipe()`` is tagged ``[pipe key, end]`` where the pipe is made; the tag travels
with an end pickled for a spawned child, and a forked child inherits it.
"""

import os

from _mpkata_tracer.core import emit, records
from _mpkata_tracer.messages import emit_message, made_by_program

CONSTRUCTORS = ("_mpkata_tracer", "multiprocessing.context", "multiprocessing.connection")


def rebuild_tagged(rebuild, args, tag):
    """Unpickle a pipe end in a child, with the tag it had in the parent."""
    connection = rebuild(*args)
    connection._mpkata_end = tag
    return connection


def _traced_pipe(original):
    def Pipe(duplex=True):
        ends = original(duplex)
        if made_by_program(CONSTRUCTORS):
            key = "%d:%d" % (os.getpid(), id(ends[0]))
            for number, end in enumerate(ends):
                end._mpkata_end = (key, number)
        return ends

    return Pipe


def _traced_send(original):
    def send(self, obj):
        tag = getattr(self, "_mpkata_end", None)
        if tag is not None:
            emit_message(records.PIPE_SEND, obj, pipe=tag[0], end=tag[1])
        return original(self, obj)

    return send


def _traced_recv(original):
    def recv(self):
        obj = original(self)
        tag = getattr(self, "_mpkata_end", None)
        if tag is not None:
            emit_message(records.PIPE_RECV, obj, pipe=tag[0], end=tag[1])
        return obj

    return recv


def _traced_close(original):
    def close(self):
        tag = getattr(self, "_mpkata_end", None)
        if tag is not None and not self.closed:
            emit(records.PIPE_CLOSE, pipe=tag[0], end=tag[1])
        return original(self)

    return close


def _tagged_reducer(original):
    def reduce_connection(connection):
        rebuild, args = original(connection)
        tag = getattr(connection, "_mpkata_end", None)
        if tag is None:
            return rebuild, args
        return rebuild_tagged, (rebuild, args, tag)

    return reduce_connection


def patch_connection(module):
    module.Pipe = _traced_pipe(module.Pipe)
    base = module._ConnectionBase
    base.send = _traced_send(base.send)
    base.recv = _traced_recv(base.recv)
    base.close = _traced_close(base.close)
    original_reduce = getattr(module, "reduce_connection", None)
    if original_reduce is not None:
        from multiprocessing import reduction

        reduction.register(module.Connection, _tagged_reducer(original_reduce))
