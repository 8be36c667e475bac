"""``multiprocessing.managers``: which process wrote into a manager's dict (or list, Value...),
and which read it, call by call.

Every method of a proxy (``results[key] = value``, ``results.items()``) goes through
``BaseProxy._callmethod``, in the process that holds the proxy: the record's sender, stamped by
the kernel, is the process that made the call.  A proxy is known by its referent's id in the
manager's server, the same in every process that holds a proxy to it.  A call that fails (the
manager's server has shut down) is recorded with the error's type, then raised.

The server, a process of its own, records each write it receives with the pid the kernel gives
for the connection it came on (``SO_PEERCRED``): a write a process claims, the server confirms.
"""

import sys

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
    return str(proxy._token.id)


def _pairs(method, args, kwds):
    """(key, value) pairs a write stores: one per item of an ``update()``."""
    if method != "update":
        return [(args[0] if args else None, args[1] if len(args) > 1 else None)]
    try:
        return list(dict(*args, **kwds).items()) or [(None, None)]
    except Exception:
        return [(None, None)]


def _record(proxy, method, args, kwds, value, error):
    fields = {"proxy": _key(proxy), "type": proxy._token.typeid, "thread": thread_name(), "method": method}
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


# --- the server's side ----------------------------------------------------------------------


def _peer_pid(conn):
    """The pid of the process at the other end of a Unix socket, as the kernel tells it."""
    socket, struct = sys.modules.get("socket"), sys.modules.get("struct")
    if socket is None or struct is None or not hasattr(socket, "SO_PEERCRED"):
        return None
    try:
        with socket.fromfd(conn.fileno(), socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            credentials = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
        return struct.unpack("3i", credentials)[0]
    except Exception:
        return None


class _ServedConnection:
    """The server's end of one client's connection: each write it receives is recorded."""

    def __init__(self, server, conn, peer):
        self._server, self._conn, self._peer = server, conn, peer

    def recv(self):
        request = self._conn.recv()
        try:
            ident, method, args, kwds = request
            if method in WRITES:
                self._record(ident, method, args, kwds or {})
        except Exception:
            pass
        return request

    def _record(self, ident, method, args, kwds):
        held = self._server.id_to_obj.get(ident)
        fields = {"peer": self._peer, "proxy": str(ident), "method": method}
        fields["type"] = type(held[0]).__name__ if held else None
        for key, _ in _pairs(method, args, kwds):
            emit_counted(records.PROXY_SERVED, key=bounded_repr(key), **fields)

    def __getattr__(self, name):
        return getattr(self._conn, name)


def _traced_serve_client(original):
    def serve_client(self, conn):
        peer = _peer_pid(conn)
        return original(self, _ServedConnection(self, conn, peer) if peer is not None else conn)

    return serve_client


def patch_managers(module):
    module.BaseProxy._callmethod = _traced_callmethod(module.BaseProxy._callmethod)
    module.Server.serve_client = _traced_serve_client(module.Server.serve_client)
