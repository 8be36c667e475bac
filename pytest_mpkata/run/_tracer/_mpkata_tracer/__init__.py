"""Record what happens in every process of a learner's program.

Loaded (through ``sitecustomize``) into the learner's main process and into every
interpreter it starts: spawned children, the forkserver, pool workers.  Forked children
inherit it.  It patches ``multiprocessing``, ``concurrent.futures``, ``threading`` and
``logging`` right after the learner's program imports them, records each line the program
prints, and appends one record per fact to the trace file named by ``MPKATA_TRACE_FILE``,
in the format ``pytest_mpkata/run/records.py`` defines.

One module per patched area, each loaded only when the module it patches is imported:
``processes`` (Process, the start method), ``pools`` (Pool, ThreadPool,
ProcessPoolExecutor), ``initializers`` (a Pool's initializer in each worker), ``received`` (the
values the program reads from them) and ``futures`` (when a future's outcome came, when the
program waited on one), ``threads``,
``logs``, ``shared`` (shared ctypes) and ``values`` (writes to a shared Value, with its lock),
``queues``, ``pipes``, ``synchronize``, ``processes``, ``managers`` (proxy calls), ``shm``
(shared memory blocks), ``output`` (stdout and stderr); ``core`` writes the records and the CPU
time each process used.  It imports nothing beyond what the interpreter has already loaded at
start-up, and never raises into the learner's program: a failed record is dropped, not reported.
"""

import os
import sys
import time

from _mpkata_tracer import audit, core, output
from _mpkata_tracer.core import TRACING, bounded_repr, bounded_str, emit, install_excepthook, records

PATCHES = {
    "multiprocessing.context": ("processes", "patch_context"),
    "multiprocessing.process": ("processes", "patch_process"),
    "multiprocessing.pool": ("pools", "patch_pool"),
    "multiprocessing.sharedctypes": ("shared", "patch_sharedctypes"),
    "multiprocessing.queues": ("queues", "patch_queues"),
    "multiprocessing.connection": ("pipes", "patch_connection"),
    "multiprocessing.synchronize": ("synchronize", "patch_synchronize"),
    "multiprocessing.managers": ("managers", "patch_managers"),
    "multiprocessing.shared_memory": ("shm", "patch_shared_memory"),
    "concurrent.futures.process": ("pools", "patch_executor"),
    "threading": ("threads", "patch_threading"),
    "logging": ("logs", "patch_logging"),
    "multiprocessing.util": ("processes", "patch_util"),
}
"""Module the learner imports -> (tracer module, function that patches it)."""


def patch(module):
    """Apply the tracer's patch for ``module``; note a failure instead of raising it."""
    where, function = PATCHES[module.__name__]
    try:
        patcher = __import__("_mpkata_tracer." + where, fromlist=[function])
        with audit.patching():
            getattr(patcher, function)(module)
        audit.guard_modules()
    except Exception as error:
        emit(records.TRACER_ERROR, module=module.__name__, message=bounded_str(error))


class PatchingLoader:
    """Run the real loader, then patch the fresh module before anyone uses it."""

    def __init__(self, loader):
        self._loader = loader

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        patch(module)

    def __getattr__(self, name):
        return getattr(self._loader, name)


class PatchAfterImport:
    """Meta path finder that hands the watched modules to ``PatchingLoader``."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in PATCHES:
            return None
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            if finder is self or find is None:
                continue
            spec = find(fullname, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = PatchingLoader(spec.loader)
                return spec
        return None


def _on_fork_in_child():
    core.forget_parent_records()
    emit(records.FORK, ppid=os.getppid())


def _on_exit():
    output.finish()
    core.process_ending()
    emit(records.INTERP_END)


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
        emit(records.TRACER_ERROR, module="coverage", message=bounded_str(error))


def _save_coverage_and_exit(signum, frame):
    """A terminated pool worker still tells which lines it ran."""
    coverage = sys.modules.get("coverage")
    cov = coverage.Coverage.current() if coverage is not None else None
    if cov is not None:
        cov.stop()
        cov.save()
    os._exit(128 + signum)


def install():
    """Start tracing this interpreter; called once from ``sitecustomize``."""
    if not TRACING:
        return
    audit.install()
    _start_coverage()
    argv = bounded_repr(getattr(sys, "orig_argv", sys.argv), 400)
    emit(records.INTERP, ppid=os.getppid(), argv=argv, cpu=round(time.process_time(), 4))
    for name in PATCHES:
        if name in sys.modules:
            patch(sys.modules[name])
    sys.meta_path.insert(0, PatchAfterImport())
    install_excepthook()
    output.wrap_streams()
    if hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=_on_fork_in_child)
    import atexit

    atexit.register(_on_exit)
