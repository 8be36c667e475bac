"""``multiprocessing.shared_memory.SharedMemory``: who created a block, who attached to it by
name, what it held when each process let go of it, and who unlinked it.

A write into a block goes through a ``memoryview`` (or an array over it) straight into shared
memory: no Python code runs that could be patched.  What a process wrote is read instead from
the block itself: its contents as the process attached, and again as it closed (or as it
ended with the block still open).  A slice that changed between the two happened while that
process held the block; the checks say which process wrote what from these windows.
"""

import _weakref
import os

from _mpkata_tracer.core import at_process_end, bounded_str, emit, records, thread_name

_open = {}
"""id(block) -> (pid that opened it, weak reference to the block): blocks this process created or
attached, still open.  Weak: a block the program drops is closed by its ``__del__``, as without
the tracer."""


def _contents(block):
    try:
        return bytes(block.buf[: records.BLOCK_LIMIT]).hex()
    except Exception:
        return None


def _traced_init(original):
    def __init__(self, name=None, create=False, size=0):
        original(self, name, create, size)
        if create:
            emit(records.SHM_CREATE, block=self.name, size=self.size, thread=thread_name())
        else:
            contents = _contents(self)
            emit(records.SHM_ATTACH, block=self.name, size=self.size, thread=thread_name(), contents=contents)
        _open[id(self)] = (os.getpid(), _weakref.ref(self))

    return __init__


def _record_close(block, at_exit):
    if block._buf is None:
        return
    emit(
        records.SHM_CLOSE, block=block.name, thread=thread_name(), contents=_contents(block), at_exit=at_exit
    )


def _traced_close(original):
    def close(self):
        _open.pop(id(self), None)
        _record_close(self, False)
        return original(self)

    return close


def _traced_unlink(original):
    def unlink(self):
        try:
            result = original(self)
        except Exception as error:
            emit(records.SHM_UNLINK, block=self.name, thread=thread_name(), error=type(error).__name__)
            raise
        emit(records.SHM_UNLINK, block=self.name, thread=thread_name(), error=None)
        return result

    return unlink


def _still_open():
    """As the process ends: what each block it opened holds, if it never closed it."""
    for pid, reference in list(_open.values()):
        block = reference()
        if pid == os.getpid() and block is not None:
            try:
                _record_close(block, True)
            except Exception as error:
                emit(records.TRACER_ERROR, module="shm", message=bounded_str(error))


def patch_shared_memory(module):
    cls = module.SharedMemory
    cls.__init__ = _traced_init(cls.__init__)
    cls.close = _traced_close(cls.close)
    cls.unlink = _traced_unlink(cls.unlink)
    at_process_end(_still_open)
