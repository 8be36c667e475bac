"""``multiprocessing.Process``: who started, joined and terminated which process, how each ran,
and what the program asked of each (``is_alive()``, ``exitcode``) with the answer it got."""

import os
import sys
import time

from _mpkata_tracer import core, output
from _mpkata_tracer.core import (
    REPR_LIMIT,
    bounded_repr,
    bounded_str,
    emit,
    process_ending,
    record_exception,
    records,
    target_name,
    thread_name,
)
from _mpkata_tracer.messages import LIBRARY, emit_counted
from _mpkata_tracer.shared import record_writes_to_raw_arrays, shared_arguments

FORCED_START_METHOD = os.environ.get(records.START_METHOD_VARIABLE, "")


def patch_context(module):
    """Make the forced method the default, so the learner's own choice still wins."""
    concrete = getattr(module, "_concrete_contexts", {})
    if FORCED_START_METHOD in concrete:
        module._default_context._default_context = concrete[FORCED_START_METHOD]


def _process_args(process):
    args = getattr(process, "_args", ())
    kwargs = getattr(process, "_kwargs", None)
    text = bounded_repr(tuple(args))
    if kwargs:
        text += " " + bounded_repr(dict(kwargs))
    return text[:REPR_LIMIT]


def _current_start_method():
    context = sys.modules.get("multiprocessing.context")
    try:
        return context._default_context.get_start_method(allow_none=True)
    except Exception:
        return None


def _record_failures_of_run(process):
    run = process.run

    def traced_run():
        try:
            return run()
        except SystemExit:
            raise
        except BaseException as error:
            record_exception("run", error, sys.exc_info()[2])
            raise

    process.run = traced_run


def _traced_start(original_start):
    def start(self):
        called = time.time()
        # BaseProcess.start() deletes _target and _args once the child exists.
        target, args = target_name(self), _process_args(self)
        try:
            original_start(self)
        except BaseException as error:
            emit(
                records.START_FAILED,
                name=self.name,
                target=target,
                type=type(error).__name__,
                message=bounded_str(error),
            )
            raise
        emit(
            records.START,
            child=self.pid,
            name=self.name,
            target=target,
            args=args,
            called=called,
            daemon=bool(self.daemon),
            method=getattr(getattr(self, "_popen", None), "method", None),
        )

    return start


def _waits_for(process, timeout, caller):
    """A join that may block for good: the program's own (not a pool's or multiprocessing's at
    exit), without a timeout, of a child still running."""
    popen = getattr(process, "_popen", None)
    if timeout is not None or caller.startswith(LIBRARY):
        return False
    try:
        return popen is not None and popen.poll() is None
    except Exception:
        return False


def _traced_join(original_join):
    def join(self, timeout=None):
        called = time.time()
        # multiprocessing joins forgotten children itself at exit: that is not the learner's join
        implicit = sys._getframe(1).f_code.co_name == "_exit_function"
        waits = _waits_for(self, timeout, sys._getframe(1).f_globals.get("__name__") or "")
        if waits:
            emit_counted(records.JOIN_WAITING, child=self.pid, name=self.name, thread=thread_name())
        original_join(self, timeout)
        if waits:
            emit_counted(records.JOIN_RETURNED, child=self.pid, thread=thread_name())
        emit(
            records.JOIN,
            child=self.pid,
            name=self.name,
            called=called,
            exitcode=self.exitcode,
            timeout=timeout,
            implicit=implicit,
        )

    return join


def _traced_bootstrap(original_bootstrap):
    def _bootstrap(self, *args, **kwargs):
        emit(
            records.BEGIN,
            ppid=os.getppid(),
            name=self.name,
            target=target_name(self),
            args=_process_args(self),
            shared=shared_arguments(self),
            method=getattr(self, "_start_method", None) or _current_start_method(),
            creator=getattr(self, "_parent_pid", None),
        )
        _record_failures_of_run(self)
        record_writes_to_raw_arrays(self)
        exitcode = original_bootstrap(self, *args, **kwargs)
        # a forked child ends with os._exit: atexit never runs there
        output.finish()
        process_ending()
        emit(records.END, exitcode=exitcode, shared=shared_arguments(self))
        return exitcode

    return _bootstrap


# --- the answers the program got: is_alive() and exitcode ---------------------------------------


_NOT_THE_PROGRAM = (*LIBRARY, "_mpkata_tracer")


def _asked_by_program():
    """True when the caller of the patched method is the program, not multiprocessing or the
    tracer (whose own join reads ``exitcode``)."""
    name = sys._getframe(2).f_globals.get("__name__") or ""
    return not name.startswith(_NOT_THE_PROGRAM)


def _record_answer(process, kind, **answer):
    key = "%d:%d" % (os.getpid(), id(process))
    emit_counted(kind, process=key, child=process.pid, name=process.name, thread=core.thread_name(), **answer)


def _traced_is_alive(original):
    def is_alive(self):
        alive = original(self)
        if _asked_by_program():
            _record_answer(self, records.PROCESS_ALIVE, alive=alive)
        return alive

    return is_alive


def _traced_exitcode(original):
    def exitcode(self):
        code = original.fget(self)
        if _asked_by_program():
            _record_answer(self, records.PROCESS_EXITCODE, exitcode=code)
        return code

    return property(exitcode)


def patch_process(module):
    base = module.BaseProcess
    original_terminate = base.terminate

    def terminate(self):
        emit(records.TERMINATE, child=self.pid, name=self.name)
        original_terminate(self)

    base.start = _traced_start(base.start)
    base.join = _traced_join(base.join)
    base._bootstrap = _traced_bootstrap(base._bootstrap)
    base.terminate = terminate
    base.is_alive = _traced_is_alive(base.is_alive)
    base.exitcode = _traced_exitcode(base.exitcode)


def patch_util(module):
    """Interpreters multiprocessing spawns (children, the forkserver, the resource tracker) keep
    the stamped trace channel: ``spawnv_passfds`` closes every descriptor it is not given."""
    if core.TRACE_FD < 0:
        return
    spawn = module.spawnv_passfds
    channel = core.TRACE_FD

    def spawnv_passfds(path, args, passfds):
        return spawn(path, args, tuple(sorted({*passfds, channel})))

    module.spawnv_passfds = spawnv_passfds
