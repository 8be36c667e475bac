"""``multiprocessing.managers``: which process wrote into a manager's dict (or list, Value...),
and which read it, call by call.

Every method of a proxy (``results[key] = value``, ``results.items()``) goes through
``BaseProxy._callmethod``, in the process that holds the proxy: the record's sender, stamped by
the kernel, is the process that made the call.  A proxy is known by its referent in the
manager's server (``typeid:id``), the same in every process that holds a proxy to it.  A call
that fails (the manager's server has shut down) is recorded with the error's type, then raised.
"""

from _mpkata_tracer.core import bounded_repr, records, thread_name
from _mpkata_tracer.messages import emit_counted

WRITES = frozenset(
    (
        "__setitem__", "__delitem__", "__setattr__", "__delattr__", "__iadd__", "__imul__",
        "update", "setdefault", "pop", "popitem", "clear",
        "append", "extend", "insert", "remove", "reverse", "sort", "set",
    )
)  # fmt: skip
"""Methods that change the referent; every other public method reads it."""


def _key(proxy):
    token = proxy._token
    return "%s:%s" % (token.typeid, token.id)


def _pairs(method, args, kwds):
    """(key, value) pairs a write stores: one per item of an ``update()``."""
    if method != "update":
        return [(args[0] if args else None, args[1] if len(args) > 1 else None)]
    try:
        return list(dict(*args, **kwds).items()) or [(None, None)]
    except Exception:
        return [(None, None)]


def _record(proxy, method, args, kwds, value, error):
    fields = {"proxy": _key(proxy), "type": type(proxy).__name__, "thread": thread_name(), "method": method}
    if method not in WRITES:
        emit_counted(records.PROXY_READ, value=value, error=error, **fields)
        return
    for key, stored in _pairs(method, args, kwds):
        emit_counted(
            records.PROXY_WRITE, key=bounded_repr(key), value=bounded_repr(stored), error=error, **fields
        )


def _traced_callmethod(original):
    def _callmethod(self, methodname, args=(), kwds=None):
        kwds = kwds or {}
        if methodname.startswith("#"):  # the proxy's own bookkeeping, not the program's
            return original(self, methodname, args, kwds)
        try:
            result = original(self, methodname, args, kwds)
        except Exception as error:
            _record(self, methodname, args, kwds, None, type(error).__name__)
            raise
        _record(self, methodname, args, kwds, bounded_repr(result), None)
        return result

    return _callmethod


def patch_managers(module):
    module.BaseProxy._callmethod = _traced_callmethod(module.BaseProxy._callmethod)
