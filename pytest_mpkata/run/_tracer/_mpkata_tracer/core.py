"""Write trace records, and name things the way the records do.

The record schema is ``pytest_mpkata/run/records.py``; this module loads it by path,
since a learner's interpreter has only the tracer's folder on its path.
"""

import os
import sys
import time


def _load_schema():
    """Load ``run/records.py`` once per interpreter, as ``_mpkata_records``."""
    name = "_mpkata_records"
    if name in sys.modules:
        return sys.modules[name]
    # importlib.util costs milliseconds to import; the frozen bootstrap it wraps is loaded already
    import _frozen_importlib as bootstrap
    import _frozen_importlib_external as external

    package = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    spec = external.spec_from_file_location(name, os.path.join(package, "run", "records.py"))
    module = bootstrap.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


records = _load_schema()

TRACE_FILE = os.environ.get(records.TRACE_FILE_VARIABLE, "")
TRACE_FD = int(os.environ.get(records.TRACE_FD_VARIABLE) or -1)
"""The stamped channel (a Unix socket inherited from the supervisor), or -1 for the file."""
TRACING = TRACE_FD >= 0 or bool(TRACE_FILE)
MAX_RECORDS = int(os.environ.get(records.MAX_RECORDS_VARIABLE, records.MAX_RECORDS))
REPR_LIMIT = records.REPR_LIMIT

_fd = -1
_fd_pid = -1
_written = 0


def _trace_fd():
    global _fd, _fd_pid
    if TRACE_FD >= 0:
        return TRACE_FD
    if _fd_pid != os.getpid():
        _fd = os.open(TRACE_FILE, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        _fd_pid = os.getpid()
    return _fd


def emit(kind, /, **fields):
    """Send one record: one ``write`` per record, so records of many processes never interleave."""
    global _written
    if not TRACING or _written > MAX_RECORDS:
        return
    _written += 1
    if _written > MAX_RECORDS:
        kind, fields = records.TRUNCATED, {"limit": MAX_RECORDS}
    fields[records.KIND] = kind
    fields[records.PID] = os.getpid()
    fields[records.TIME] = time.time()
    try:
        data = records.encode(fields, bounded_repr)
        fd = _trace_fd()
        while data:  # a signal can cut a socket write short
            data = data[os.write(fd, data) :]
    except Exception:
        pass


def forget_parent_records():
    """In a forked child: the parent's record count is not the child's."""
    global _written
    _written = 0


_at_end = []
_ended_pid = -1


def at_process_end(callback):
    """Call ``callback()`` once as this process ends (a Process's run returned, or atexit)."""
    _at_end.append(callback)


def process_ending():
    """Run the end-of-process callbacks, once per process (a spawned child reaches both ends)."""
    global _ended_pid
    if _ended_pid == os.getpid():
        return
    _ended_pid = os.getpid()
    for callback in _at_end:
        try:
            callback()
        except Exception:
            pass


def _record_cpu_time():
    emit(records.CPU_TIME, process=round(time.process_time(), 4), thread=round(time.thread_time(), 4))


at_process_end(_record_cpu_time)


def bounded_repr(value, limit=REPR_LIMIT):
    if isinstance(value, (bytes, bytearray, str)) and len(value) > limit:
        value = value[:limit]  # the repr of a megabyte would cost more than the put that made it
    try:
        text = repr(value)
    except Exception:
        text = "<%s object>" % type(value).__name__
    return text if len(text) <= limit else text[: limit - 3] + "..."


def bounded_str(value, limit=records.TEXT_LIMIT):
    try:
        text = str(value)
    except Exception:
        text = "<unprintable>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def qualified_name(func):
    """Name a callable the way checks talk about it: ``module.qualname``."""
    if func is None:
        return None
    inner = getattr(func, "func", None)
    if inner is not None and type(func).__name__ == "partial":
        return "partial(%s)" % qualified_name(inner)
    module = getattr(func, "__module__", None) or type(func).__module__
    name = getattr(func, "__qualname__", None) or type(func).__qualname__
    return "%s.%s" % (module, name)


def target_name(runnable):
    """What a Process or Thread runs: its target, else its class's ``run``."""
    target = getattr(runnable, "_target", None)
    if target is not None:
        return qualified_name(target)
    return qualified_name(getattr(type(runnable), "run", None))


def process_name(default="MainProcess"):
    """multiprocessing's name for this process, or ``default`` before multiprocessing loads."""
    process = sys.modules.get("multiprocessing.process")
    try:
        return process.current_process().name
    except Exception:
        return default


def thread_name():
    threading = sys.modules.get("threading")
    try:
        return threading.current_thread().name
    except Exception:
        return "MainThread"


# --- exceptions, and the classic fatal errors the supervisor stops a run on ---------------


def fatal_kind(error):
    message = bounded_str(error)
    for kind, type_name, fragment in records.FATAL_ERRORS:
        if type(error).__name__ == type_name and fragment in message:
            return kind
    return None


def record_exception(where, error, tb=None):
    line = None
    while tb is not None:
        line = "%s:%d" % (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    emit(
        records.EXCEPTION,
        where=where,
        type=type(error).__name__,
        message=bounded_str(error),
        line=line,
        **{records.FATAL_FIELD: fatal_kind(error)},
    )


def install_excepthook():
    previous = sys.excepthook

    def excepthook(kind, error, tb):
        if not issubclass(kind, (SystemExit, KeyboardInterrupt)):
            record_exception("main", error, tb)
        previous(kind, error, tb)

    sys.excepthook = excepthook
