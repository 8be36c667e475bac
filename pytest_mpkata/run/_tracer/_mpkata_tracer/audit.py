"""Note the program reaching for the tracer's insides, through Python's audit hooks (PEP 578).

A program can rewrite anything that lives in its own process, the tracer included; the
kernel's facts (``run/_kernel.py``) are what a grade rests on.  This hook adds the how: it
records, as ``tampering``, the few moves that honest multiprocessing code never makes and a
forgery needs: walking the garbage collector's objects, loading a C library or one of its
symbols with ctypes, replacing a function's code, or setting an attribute on a class of
``multiprocessing``, ``concurrent``, ``threading``, ``logging``, ``os`` or the tracer.  Only
the program's own code counts: the standard library and the tracer's patches do some of this
legitimately.  An audit hook cannot be removed once added.
"""

import os
import sys

from _mpkata_tracer.core import bounded_str, emit, records

WATCHED = frozenset(
    (
        "gc.get_objects",
        "gc.get_referrers",
        "gc.get_referents",
        "ctypes.dlopen",
        "ctypes.dlsym",
        "ctypes.dlsym/handle",
        "object.__setattr__",
    )
)
GUARDED_MODULES = ("multiprocessing", "concurrent", "threading", "logging", "os", "posix", "_mpkata")
HARMLESS_ATTRIBUTES = frozenset(("__module__", "__doc__", "__qualname__"))
FUNCTION_INSIDES = frozenset(("__code__", "__defaults__", "__kwdefaults__"))
MAX_NOTES = 20
"""Tampering records one process writes; one is enough to flag the run."""

_STDLIB = os.path.dirname(os.__file__)
_TRACER = os.path.dirname(os.path.abspath(__file__))
_CTYPES = os.path.join(_STDLIB, "ctypes")
_state = {"patching": 0, "notes": 0}


def patching():
    """The tracer's own patches set attributes on guarded classes: count them out."""
    return _Patching()


class _Patching:
    def __enter__(self):
        _state["patching"] += 1

    def __exit__(self, *exc):
        _state["patching"] -= 1


def _programs_frame(skip_inside=None):
    """The nearest frame of the program's own code, or None if the standard library or the
    tracer made the move (``skip_inside``: a library folder whose frames do it on the caller's
    behalf)."""
    frame = sys._getframe(2)
    while frame is not None:
        name = frame.f_code.co_filename
        if skip_inside is None or not name.startswith(skip_inside):
            break
        frame = frame.f_back
    if frame is None:
        return None
    name = frame.f_code.co_filename
    if name.startswith(("<frozen", _STDLIB, _TRACER)):
        return None
    return frame


def _suspicious(event, args):
    if event == "object.__setattr__":
        target, attribute = args[0], args[1]
        if isinstance(target, type):
            module = getattr(target, "__module__", "") or ""
            if attribute in HARMLESS_ATTRIBUTES or not module.startswith(GUARDED_MODULES):
                return None
            return "set %s.%s" % (target.__name__, attribute)
        if attribute in FUNCTION_INSIDES:
            return "replaced %s of %s" % (attribute, getattr(target, "__qualname__", "a function"))
        return None
    if event.startswith("ctypes."):
        ctypes = sys.modules.get("ctypes")
        if getattr(ctypes, "pythonapi", None) is None:
            return None  # ctypes itself, being imported
        return "%s %s" % (event, bounded_str(args[-1] if args else "", 80))
    return event


def _hook(event, args):
    if event not in WATCHED or _state["patching"] or _state["notes"] >= MAX_NOTES:
        return
    try:
        detail = _suspicious(event, args)
        if detail is None:
            return
        frame = _programs_frame(_CTYPES if event.startswith("ctypes.") else None)
        if frame is None:
            return
        _state["notes"] += 1
        line = "%s:%d" % (frame.f_code.co_filename, frame.f_lineno)
        emit(records.TAMPERING, event=event, detail=detail, line=line)
    except Exception:
        pass


class GuardedModule(type(os)):
    """A tracer module whose names the program cannot rebind: an attempt is recorded and refused."""

    def __setattr__(self, name, value):
        if isinstance(value, type(os)) and value.__name__ == "%s.%s" % (self.__name__, name):
            type(os).__setattr__(self, name, value)  # the import system binding a submodule
            return
        frame = sys._getframe(1)
        line = "%s:%d" % (frame.f_code.co_filename, frame.f_lineno)
        emit(
            records.TAMPERING,
            event="module.__setattr__",
            detail="rebound %s.%s" % (self.__name__, name),
            line=line,
        )
        raise AttributeError("the tracer's %s is read-only" % self.__name__)

    def __delattr__(self, name):
        self.__setattr__(name, None)


def guard_modules():
    """Make the tracer's modules (and the record schema) refuse rebinding; call after each load."""
    for name, module in list(sys.modules.items()):
        if (name.startswith("_mpkata_tracer") or name == "_mpkata_records") and type(module) is type(os):
            try:
                module.__class__ = GuardedModule
            except TypeError:
                pass


def install():
    sys.addaudithook(_hook)
    guard_modules()
