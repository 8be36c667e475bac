"""Shared ctypes (``multiprocessing.Array`` and ``Value``): what each process saw and wrote."""

from _mpkata_tracer.core import bounded_repr, bounded_str, emit, records
from _mpkata_tracer.values import patch_value

SHARED_LIMIT = records.SHARED_LIMIT


def _plain(value):
    if isinstance(value, (int, float, str, bool)) or value is None:
        return value
    try:
        return list(value)[:SHARED_LIMIT]
    except Exception:
        return bounded_repr(value)


def _assign_and_record(raw, index, value, assign):
    """Assign to a shared array element and record who changed it from what to what."""
    try:
        old = _plain(raw[index])
    except Exception:
        old = None
    assign(index, value)
    emit(
        records.SHARED_WRITE,
        index=index if isinstance(index, int) else bounded_repr(index),
        old=old,
        new=_plain(value),
        length=len(raw),
    )


class RecordingArray:
    """Stands in for a raw shared array (``Array(..., lock=False)``) in a child, noting writes."""

    def __init__(self, raw):
        self._raw = raw

    def __getitem__(self, index):
        return self._raw[index]

    def __setitem__(self, index, value):
        _assign_and_record(self._raw, index, value, self._raw.__setitem__)

    def __len__(self):
        return len(self._raw)

    def __iter__(self):
        return iter(self._raw)

    def __repr__(self):
        return repr(self._raw)

    def __getattr__(self, name):
        return getattr(self._raw, name)


def _snapshot(value):
    if isinstance(value, RecordingArray):
        value = value._raw
    kind = type(value).__name__
    raw = value.get_obj() if kind in ("SynchronizedArray", "Synchronized", "SynchronizedString") else value
    if type(raw).__module__ != "ctypes" and "ctypes" not in type(type(raw)).__module__:
        return None
    if hasattr(type(raw), "_length_"):
        return (
            "Array" if kind.startswith("Synchronized") else "RawArray",
            list(raw[:SHARED_LIMIT]),
        )
    if hasattr(raw, "value"):
        return ("Value" if kind.startswith("Synchronized") else "RawValue", raw.value)
    return None


def _candidate_arguments(process):
    """What a process works on: target arguments, and a subclass's own attributes."""
    args = list(enumerate(getattr(process, "_args", ()) or ()))
    args += list((getattr(process, "_kwargs", None) or {}).items())
    args += [(k, v) for k, v in vars(process).items() if not k.startswith("_")]
    return args


def shared_arguments(process):
    """The shared ctypes objects a process was handed, with their current values."""
    found = []
    for key, value in _candidate_arguments(process):
        try:
            snapshot = _snapshot(value)
        except Exception:
            snapshot = None
        if snapshot is not None:
            found.append({"arg": key, "kind": snapshot[0], "value": snapshot[1]})
    return found


def _is_raw_array(value):
    is_ctypes = type(value).__module__ == "ctypes" or "ctypes" in type(type(value)).__module__
    return is_ctypes and hasattr(type(value), "_length_")


def record_writes_to_raw_arrays(process):
    """Swap raw shared arrays handed to the child for recording stand-ins (synchronized ones are patched)."""
    try:
        args = getattr(process, "_args", ()) or ()
        process._args = tuple(RecordingArray(a) if _is_raw_array(a) else a for a in args)
        kwargs = getattr(process, "_kwargs", None) or {}
        for key, value in list(kwargs.items()):
            if _is_raw_array(value):
                kwargs[key] = RecordingArray(value)
        for key, value in list(vars(process).items()):
            if not key.startswith("_") and _is_raw_array(value):
                setattr(process, key, RecordingArray(value))
    except Exception as error:
        emit(records.TRACER_ERROR, module="raw arrays", message=bounded_str(error))


def patch_sharedctypes(module):
    array_class = module.SynchronizedArray
    original_setitem = array_class.__setitem__

    def __setitem__(self, index, value):
        _assign_and_record(self._obj, index, value, lambda i, v: original_setitem(self, i, v))

    array_class.__setitem__ = __setitem__
    patch_value(module)
