"""Record what happens in every process of a learner's program.

This module is loaded (through ``sitecustomize``) into the learner's main process
and into every interpreter it starts: spawned children, the forkserver, pool
workers.  Forked children inherit it.  It patches ``multiprocessing``,
``concurrent.futures``, ``threading`` and ``logging`` right after the learner's
program imports them, and appends one JSON line per fact to the trace file named
by ``MPKATA_TRACE_FILE``; it never writes to the learner's stdout or stderr.

It imports nothing beyond what the interpreter has already loaded at start-up
(``os``, ``sys``, ``time``, the C half of ``json``), and never raises into the
learner's program: a failed record is dropped, not reported.
"""

import os
import sys
import time

try:
    from _json import encode_basestring_ascii as _quote
except ImportError:  # pragma: no cover - every CPython has _json
    from json.encoder import py_encode_basestring_ascii as _quote

TRACE_FILE = os.environ.get("MPKATA_TRACE_FILE", "")
FORCED_START_METHOD = os.environ.get("MPKATA_START_METHOD", "")
MAX_RECORDS = int(os.environ.get("MPKATA_MAX_RECORDS", "4000"))
REPR_LIMIT = 200
SHARED_LIMIT = 64
LOG_CALLS = ("debug", "info", "warning", "warn", "error", "exception", "critical", "log")

_fd = -1
_fd_pid = -1
_written = 0


# --- writing records ------------------------------------------------------


def _encode(value):
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return _quote(value)
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dict):
        return "{" + ",".join(_quote(str(k)) + ":" + _encode(v) for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_encode(v) for v in value) + "]"
    return _quote(_bounded_repr(value))


def _trace_fd():
    global _fd, _fd_pid
    if _fd_pid != os.getpid():
        _fd = os.open(TRACE_FILE, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        _fd_pid = os.getpid()
    return _fd


def emit(event, **fields):
    """Append one record; one ``write`` per record keeps lines whole across processes."""
    global _written
    if not TRACE_FILE or _written > MAX_RECORDS:
        return
    _written += 1
    if _written > MAX_RECORDS:
        event, fields = "truncated", {"limit": MAX_RECORDS}
    fields["ev"] = event
    fields["pid"] = os.getpid()
    fields["t"] = time.time()
    try:
        os.write(_trace_fd(), (_encode(fields) + "\n").encode("utf-8", "replace"))
    except Exception:
        pass


def _bounded_repr(value, limit=REPR_LIMIT):
    try:
        text = repr(value)
    except Exception:
        text = "<%s object>" % type(value).__name__
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _bounded_str(value, limit=500):
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


# --- classic fatal errors: the supervisor stops the run at the first one ----

FATAL_PATTERNS = (
    ("bootstrap", "RuntimeError", "bootstrapping phase"),
    ("cant_get_attribute", "AttributeError", "Can't get attribute"),
)


def fatal_kind(error):
    message = _bounded_str(error)
    for kind, type_name, fragment in FATAL_PATTERNS:
        if type(error).__name__ == type_name and fragment in message:
            return kind
    return None


def _record_exception(where, error, tb=None):
    line = None
    while tb is not None:
        line = "%s:%d" % (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    emit(
        "exception",
        where=where,
        type=type(error).__name__,
        message=_bounded_str(error),
        line=line,
        fatal=fatal_kind(error),
    )


def _install_excepthooks():
    previous = sys.excepthook

    def excepthook(kind, error, tb):
        if not issubclass(kind, (SystemExit, KeyboardInterrupt)):
            _record_exception("main", error, tb)
        previous(kind, error, tb)

    sys.excepthook = excepthook


# --- multiprocessing.context: the forced start method ---------------------


def patch_context(module):
    """Make the forced method the default, so the learner's own choice still wins."""
    concrete = getattr(module, "_concrete_contexts", {})
    if FORCED_START_METHOD in concrete:
        module._default_context._default_context = concrete[FORCED_START_METHOD]


# --- multiprocessing.process: every Process ------------------------------


def _process_target(process):
    target = getattr(process, "_target", None)
    if target is not None:
        return qualified_name(target)
    run = getattr(type(process), "run", None)
    return qualified_name(run)


def _process_args(process):
    args = getattr(process, "_args", ())
    kwargs = getattr(process, "_kwargs", None)
    text = _bounded_repr(tuple(args))
    if kwargs:
        text += " " + _bounded_repr(dict(kwargs))
    return text[:REPR_LIMIT]


def _shared_snapshot(value):
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


def _shared_arguments(process):
    found = []
    for key, value in _candidate_arguments(process):
        try:
            snapshot = _shared_snapshot(value)
        except Exception:
            snapshot = None
        if snapshot is not None:
            found.append({"arg": key, "kind": snapshot[0], "value": snapshot[1]})
    return found


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


def _is_raw_array(value):
    return type(value).__module__ == "ctypes" or (
        hasattr(type(value), "_length_") and "ctypes" in type(type(value)).__module__
    )


def _record_writes_to_raw_arrays(process):
    """Swap raw shared arrays handed to the child for recording stand-ins (synchronized ones are patched)."""
    try:
        args = getattr(process, "_args", ()) or ()
        process._args = tuple(
            RecordingArray(a) if _is_raw_array(a) and hasattr(type(a), "_length_") else a for a in args
        )
        kwargs = getattr(process, "_kwargs", None) or {}
        for key, value in list(kwargs.items()):
            if _is_raw_array(value) and hasattr(type(value), "_length_"):
                kwargs[key] = RecordingArray(value)
        for key, value in list(vars(process).items()):
            if not key.startswith("_") and _is_raw_array(value) and hasattr(type(value), "_length_"):
                setattr(process, key, RecordingArray(value))
    except Exception as error:
        emit("tracer_error", module="raw arrays", message=_bounded_str(error))


def _record_failures_of_run(process):
    run = process.run

    def traced_run():
        try:
            return run()
        except SystemExit:
            raise
        except BaseException as error:
            _record_exception("run", error, sys.exc_info()[2])
            raise

    process.run = traced_run


def patch_process(module):
    base = module.BaseProcess
    original_start, original_join = base.start, base.join
    original_bootstrap, original_terminate = base._bootstrap, base.terminate

    def start(self):
        called = time.time()
        # BaseProcess.start() deletes _target and _args once the child exists.
        target, args = _process_target(self), _process_args(self)
        try:
            original_start(self)
        except BaseException as error:
            emit(
                "start_failed",
                name=self.name,
                target=target,
                type=type(error).__name__,
                message=_bounded_str(error),
            )
            raise
        emit(
            "start",
            child=self.pid,
            name=self.name,
            target=target,
            args=args,
            called=called,
            daemon=bool(self.daemon),
            method=getattr(getattr(self, "_popen", None), "method", None),
        )

    def join(self, timeout=None):
        called = time.time()
        # multiprocessing joins forgotten children itself at exit: that is not the learner's join
        implicit = sys._getframe(1).f_code.co_name == "_exit_function"
        original_join(self, timeout)
        emit(
            "join",
            child=self.pid,
            name=self.name,
            called=called,
            exitcode=self.exitcode,
            timeout=timeout,
            implicit=implicit,
        )

    def terminate(self):
        emit("terminate", child=self.pid, name=self.name)
        original_terminate(self)

    def _bootstrap(self, *args, **kwargs):
        emit(
            "begin",
            ppid=os.getppid(),
            name=self.name,
            target=_process_target(self),
            args=_process_args(self),
            shared=_shared_arguments(self),
            method=_current_start_method(),
        )
        _record_failures_of_run(self)
        _record_writes_to_raw_arrays(self)
        exitcode = original_bootstrap(self, *args, **kwargs)
        emit("end", exitcode=exitcode, shared=_shared_arguments(self))
        return exitcode

    base.start, base.join, base.terminate, base._bootstrap = start, join, terminate, _bootstrap


def _current_start_method():
    context = sys.modules.get("multiprocessing.context")
    try:
        return context._default_context.get_start_method(allow_none=True)
    except Exception:
        return None


# --- pools: multiprocessing.Pool, ThreadPool, ProcessPoolExecutor ----------


class TracedCall:
    """A picklable stand-in for a pool task's function that records each call."""

    def __init__(self, func, pool, method):
        self.func, self.pool, self.method = func, pool, method

    def __reduce__(self):
        return (TracedCall, (self.func, self.pool, self.method))

    def __call__(self, *args, **kwargs):
        started = time.time()
        shown = _bounded_repr(args if not kwargs else (args, kwargs))
        outcome = {}
        try:
            result = self.func(*args, **kwargs)
            outcome["result"] = _bounded_repr(result)
            return result
        except BaseException as error:
            outcome["error"] = type(error).__name__ + ": " + _bounded_str(error)
            raise
        finally:
            emit(
                "task",
                pool=self.pool,
                method=self.method,
                func=qualified_name(self.func),
                args=shown,
                started=started,
                **outcome,
            )


def _traced(func, pool, method):
    if isinstance(func, TracedCall) or not callable(func):
        return func
    return TracedCall(func, pool, method)


def _pool_key(workers_list):
    return "%d:%d" % (os.getpid(), id(workers_list))


def _worker_pids(workers):
    return [getattr(w, "pid", None) for w in workers]


POOL_TASK_METHODS = (
    "apply",
    "apply_async",
    "map",
    "map_async",
    "starmap",
    "starmap_async",
    "imap",
    "imap_unordered",
)
POOL_SHUTDOWN_METHODS = ("close", "terminate", "join", "__exit__")


def _wrap_pool_task_method(cls, name):
    original = getattr(cls, name)

    def method(self, func, *args, **kwargs):
        if not isinstance(func, TracedCall):
            key = _pool_key(self._pool)
            emit("pool_call", pool=key, method=name, func=qualified_name(func))
            func = _traced(func, key, name)
        return original(self, func, *args, **kwargs)

    setattr(cls, name, method)


def _wrap_pool_shutdown_method(cls, name):
    original = getattr(cls, name)

    def method(self, *args, **kwargs):
        emit("pool_" + name.strip("_"), pool=_pool_key(self._pool), state=str(self._state))
        return original(self, *args, **kwargs)

    setattr(cls, name, method)


def patch_pool(module):
    pool_class = module.Pool
    original_init = pool_class.__init__
    original_repopulate = pool_class._repopulate_pool_static

    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        emit(
            "pool",
            pool=_pool_key(self._pool),
            kind=type(self).__name__,
            size=self._processes,
            workers=_worker_pids(self._pool),
        )

    def _repopulate_pool_static(ctx, process, processes, pool, *args, **kwargs):
        before = len(pool)
        result = original_repopulate(ctx, process, processes, pool, *args, **kwargs)
        emit("pool_workers", pool=_pool_key(pool), workers=_worker_pids(pool[before:]))
        return result

    pool_class.__init__ = __init__
    pool_class._repopulate_pool_static = staticmethod(_repopulate_pool_static)
    for name in POOL_TASK_METHODS:
        _wrap_pool_task_method(pool_class, name)
    for name in POOL_SHUTDOWN_METHODS:
        _wrap_pool_shutdown_method(pool_class, name)


def _executor_key(executor):
    return "%d:%d" % (os.getpid(), id(executor))


def _record_executor_workers(executor):
    pids = sorted((getattr(executor, "_processes", None) or {}).keys())
    if pids != getattr(executor, "_mpkata_seen_workers", None):
        executor._mpkata_seen_workers = pids
        emit("pool_workers", pool=_executor_key(executor), workers=pids)


def patch_executor(module):
    executor_class = module.ProcessPoolExecutor
    original_init, original_submit = executor_class.__init__, executor_class.submit
    original_shutdown, original_exit = executor_class.shutdown, executor_class.__exit__

    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        emit(
            "pool",
            pool=_executor_key(self),
            kind=type(self).__name__,
            size=self._max_workers,
            workers=[],
        )

    def submit(self, fn, *args, **kwargs):
        key = _executor_key(self)
        if getattr(fn, "func", None) is module._process_chunk and fn.args:
            fn = type(fn)(fn.func, _traced(fn.args[0], key, "map"), *fn.args[1:], **fn.keywords)
        else:
            emit("pool_call", pool=key, method="submit", func=qualified_name(fn))
            fn = _traced(fn, key, "submit")
        future = original_submit(self, fn, *args, **kwargs)
        _record_executor_workers(self)
        return future

    def shutdown(self, *args, **kwargs):
        _record_executor_workers(self)
        emit("pool_shutdown", pool=_executor_key(self))
        return original_shutdown(self, *args, **kwargs)

    def __exit__(self, *args):
        emit("pool_exit", pool=_executor_key(self))
        return original_exit(self, *args)

    original_map = executor_class.map

    def map(self, fn, *iterables, **kwargs):
        emit("pool_call", pool=_executor_key(self), method="map", func=qualified_name(fn))
        return original_map(self, fn, *iterables, **kwargs)

    executor_class.__init__, executor_class.submit = __init__, submit
    executor_class.shutdown, executor_class.__exit__ = shutdown, __exit__
    executor_class.map = map


# --- threading: a thread is never mistaken for a process ------------------


def patch_threading(module):
    thread_class = module.Thread
    original = thread_class._bootstrap_inner

    def _bootstrap_inner(self):
        target = getattr(self, "_target", None)
        emit(
            "thread_begin",
            name=self.name,
            ident=module.get_ident(),
            target=qualified_name(target) if target is not None else _process_target(self),
            args=_bounded_repr(tuple(getattr(self, "_args", ()) or ())),
        )
        try:
            original(self)
        finally:
            emit("thread_end", name=self.name, ident=module.get_ident())

    thread_class._bootstrap_inner = _bootstrap_inner
    previous_hook = module.excepthook

    def excepthook(hook_args):
        _record_exception(
            "thread " + getattr(hook_args.thread, "name", "?"),
            hook_args.exc_value,
            hook_args.exc_traceback,
        )
        previous_hook(hook_args)

    module.excepthook = excepthook


# --- logging: which process emitted each record, and where it went --------


def _destinations(logger, level):
    found, current = [], logger
    while current is not None:
        for handler in current.handlers:
            if level >= handler.level:
                found.append(getattr(handler, "baseFilename", None) or type(handler).__name__)
        if not current.propagate:
            break
        current = current.parent
    return found


def _log_message(msg, args):
    try:
        return _bounded_str(msg % args if args else msg)
    except Exception:
        return _bounded_str(msg)


def _process_name():
    process = sys.modules.get("multiprocessing.process")
    try:
        return process.current_process().name
    except Exception:
        return "MainProcess"


def patch_logging(module):
    logger_class = module.Logger
    original_handle, original_enabled = logger_class.handle, logger_class.isEnabledFor

    def handle(self, record):
        emit(
            "log",
            level=record.levelno,
            message=_log_message(record.msg, record.args),
            pname=record.processName,
            created=record.created,
            logger=self.name,
            to=_destinations(self, record.levelno),
        )
        return original_handle(self, record)

    def isEnabledFor(self, level):
        enabled = original_enabled(self, level)
        if not enabled:
            _record_dropped_log_call(self, level)
        return enabled

    logger_class.handle, logger_class.isEnabledFor = handle, isEnabledFor


def _record_dropped_log_call(logger, level):
    """Note a log call that logging's level threw away (e.g. unconfigured in a spawned child)."""
    caller = sys._getframe(2)
    if caller.f_code.co_name not in LOG_CALLS or level < 20:
        return
    message = _log_message(caller.f_locals.get("msg", ""), caller.f_locals.get("args", ()))
    emit(
        "log_dropped",
        level=level,
        message=message,
        pname=_process_name(),
        logger=logger.name,
        effective=logger.getEffectiveLevel(),
    )


# --- multiprocessing.sharedctypes: who wrote which element ---------------


def _plain(value):
    if isinstance(value, (int, float, str, bool)) or value is None:
        return value
    try:
        return list(value)[:SHARED_LIMIT]
    except Exception:
        return _bounded_repr(value)


def _assign_and_record(raw, index, value, assign):
    """Assign to a shared array element and record who changed it from what to what."""
    try:
        old = _plain(raw[index])
    except Exception:
        old = None
    assign(index, value)
    emit(
        "shared_write",
        index=index if isinstance(index, int) else _bounded_repr(index),
        old=old,
        new=_plain(value),
        length=len(raw),
    )


def patch_sharedctypes(module):
    array_class = module.SynchronizedArray
    original_setitem = array_class.__setitem__

    def __setitem__(self, index, value):
        _assign_and_record(self._obj, index, value, lambda i, v: original_setitem(self, i, v))

    array_class.__setitem__ = __setitem__


# --- installation -----------------------------------------------------------

PATCHES = {
    "multiprocessing.context": patch_context,
    "multiprocessing.process": patch_process,
    "multiprocessing.pool": patch_pool,
    "multiprocessing.sharedctypes": patch_sharedctypes,
    "concurrent.futures.process": patch_executor,
    "threading": patch_threading,
    "logging": patch_logging,
}


class PatchingLoader:
    """Run the real loader, then patch the fresh module before anyone uses it."""

    def __init__(self, loader, patch):
        self._loader, self._patch = loader, patch

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        try:
            self._patch(module)
        except Exception as error:
            emit("tracer_error", module=module.__name__, message=_bounded_str(error))

    def __getattr__(self, name):
        return getattr(self._loader, name)


class PatchAfterImport:
    """Meta path finder that hands the watched modules to ``PatchingLoader``."""

    def find_spec(self, fullname, path=None, target=None):
        patch = PATCHES.get(fullname)
        if patch is None:
            return None
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            if finder is self or find is None:
                continue
            spec = find(fullname, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = PatchingLoader(spec.loader, patch)
                return spec
        return None


def _on_fork_in_child():
    global _written
    _written = 0
    emit("fork", ppid=os.getppid())


def _on_exit():
    emit("interp_end")


def _start_coverage():
    """For --mpkata-explain: measure this process with coverage.py (one data file per pid)."""
    rc = os.environ.get("MPKATA_COVERAGE_RC")
    if not rc:
        return
    os.environ["COVERAGE_PROCESS_START"] = rc
    try:
        import signal

        import coverage

        coverage.process_startup()
        signal.signal(signal.SIGTERM, _save_coverage_and_exit)
    except Exception as error:
        emit("tracer_error", module="coverage", message=_bounded_str(error))


def _current_coverage():
    coverage = sys.modules.get("coverage")
    return coverage.Coverage.current() if coverage is not None else None


def _save_coverage_and_exit(signum, frame):
    """A terminated pool worker still tells which lines it ran."""
    cov = _current_coverage()
    if cov is not None:
        cov.stop()
        cov.save()
    os._exit(128 + signum)


def install():
    """Start tracing this interpreter; called once from ``sitecustomize``."""
    if not TRACE_FILE:
        return
    _start_coverage()
    emit("interp", ppid=os.getppid(), argv=_bounded_repr(getattr(sys, "orig_argv", sys.argv), 400))
    for name, patch in PATCHES.items():
        if name in sys.modules:
            patch(sys.modules[name])
    sys.meta_path.insert(0, PatchAfterImport())
    _install_excepthooks()
    if hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=_on_fork_in_child)
    import atexit

    atexit.register(_on_exit)
