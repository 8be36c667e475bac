"""Recognise the classic multiprocessing mistakes in a run and explain them.

Each explanation says what happened, with the run's own pids and names, and what to change,
in one or two sentences.  ``explain_failure`` is used by ``checks.ran_cleanly`` (and by the
terminal picture) when a program did not run cleanly; it reads only the ``RunResult``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pytest_mpkata.judge.findings import Finding, Template
from pytest_mpkata.judge.waits import (
    TIMEOUT_CONSUMERS_WAIT,
    TIMEOUT_PIPE_WAIT,
    TIMEOUT_SENTINEL_IGNORED,
    waited_on,
)
from pytest_mpkata.run import protocol
from pytest_mpkata.run._world import DISK_FULL
from pytest_mpkata.run.runner import LOG_FILE_NAME
from pytest_mpkata.trace.facts import ExceptionInfo
from pytest_mpkata.trace.model import RunResult

__all__ = [
    "BROKEN_POOL",
    "BROKEN_POOL_WORKER",
    "CANT_FIND_FUNCTION",
    "CANT_GET_ATTRIBUTE",
    "CANT_PICKLE",
    "CRASHED",
    "FILE_LIMIT_REACHED",
    "FILE_TOO_LARGE",
    "JOIN_BEFORE_CLOSE",
    "KILLED_BY_SIGNAL",
    "MISSING_MAIN_GUARD",
    "NONZERO_EXIT",
    "OUTPUT_LIMIT",
    "POOL_USED_AFTER_CLOSE",
    "PROCESS_LIMIT",
    "SIGNAL_NAMES",
    "SUPERVISOR_FAILED",
    "SYNTAX_ERROR",
    "TIMEOUT",
    "TIMEOUT_CONSUMERS_WAIT",
    "TIMEOUT_DEADLOCK",
    "TIMEOUT_LOOP",
    "TIMEOUT_PIPE_WAIT",
    "TIMEOUT_SENTINEL_IGNORED",
    "TIMEOUT_WORKERS_DIED",
    "UNPICKLABLE_TARGET",
    "Diagnosis",
    "classic_error",
    "explain_exit",
    "explain_file_limit",
    "explain_stop",
    "stderr_excerpt",
]

MISSING_MAIN_GUARD = Template(
    "missing_main_guard",
    "Under {method}, each child process re-imports your file, and your file starts processes "
    'at import time, so every child tried to start more (RuntimeError "bootstrapping phase" '
    "in {process}). Put the code that creates and starts processes or pools under "
    '`if __name__ == "__main__":`.',
)
CANT_FIND_FUNCTION = Template(
    "cant_find_function",
    "{process} could not find `{name}` in your program under {method}: "
    "{message}. Define `{name}` at the top level of your file (not inside another function, "
    'not inside the `if __name__ == "__main__":` block), so every start method can import it.',
)
UNPICKLABLE_TARGET = Template(
    "unpicklable",
    "Python could not send your function to the child process under {method} ({message}). "
    "A lambda or a function defined inside another function cannot be pickled; use a function "
    "defined with `def` at the top level of your file.",
)
BROKEN_POOL = Template(
    "broken_pool",
    "{worker}, so the pool broke (BrokenProcessPool: {message}). Look for `os._exit`, a crash "
    "or an error at import time in the function your workers run.",
)
BROKEN_POOL_WORKER = Template(
    "broken_pool_worker",
    "{label}, a worker process of your ProcessPoolExecutor, died abruptly with exit code {code}",
)
POOL_USED_AFTER_CLOSE = Template(
    "pool_after_close",
    "Your program (pid {pid}) used a pool after it was closed or terminated (ValueError: "
    "{message}). Submit all the work (map, apply_async...) before `pool.close()`, or before "
    "leaving the `with` block.",
)
JOIN_BEFORE_CLOSE = Template(
    "join_before_close",
    "Your program (pid {pid}) called `pool.join()` while the pool was still running "
    "(ValueError: {message}). Call `pool.close()` first, then `pool.join()`.",
)
SYNTAX_ERROR = Template(
    "syntax_error",
    "Python could not read your file: {message}. Fix the syntax error at the line shown "
    "in the traceback below, then run the checks again.",
)
CRASHED = Template(
    "crashed", "Your program stopped with an error in the main process (pid {pid}): {message}."
)
NONZERO_EXIT = Template(
    "nonzero_exit",
    "Your program exited with code {code} instead of 0. Make it finish normally: no "
    "`sys.exit()` with an error code, no unhandled exception.",
)
KILLED_BY_SIGNAL = Template(
    "killed_by_signal", "Your program was killed by signal {signal} (exit code {code})."
)
TIMEOUT = Template(
    "timeout", "Your program did not finish within its time limit of {limit:g} s and was stopped. {detail}"
)
TIMEOUT_DEADLOCK = Template(
    "timeout_deadlock",
    "When it was stopped, these processes had not finished: {alive}. A `join()` or a "
    "`get()`/`map()` that waits for work that never comes is the usual cause: check that "
    "every process you join can end and every queue you read is fed.",
)
TIMEOUT_WORKERS_DIED = Template(
    "timeout_workers_died",
    "{count} pool workers died (e.g. {label}, exit code {code}), so the pool's tasks never "
    "finished and `map()` waited forever. Fix the error in the worker (see stderr below).",
)
TIMEOUT_LOOP = Template(
    "timeout_loop", "Look for an endless loop, or a `join()` on a process that never ends."
)
PROCESS_LIMIT = Template(
    "process_limit",
    "Your program created more than {limit} processes ({peak} at once) and was stopped: it "
    "forks without end. Create a fixed number of processes, and never start processes from "
    "code that every child runs.",
)
OUTPUT_LIMIT = Template(
    "output_limit",
    "Your program printed more than {limit} bytes and was stopped. Print (or log) only the "
    "lines the task asks for.",
)
FILE_TOO_LARGE = Template(
    "file_too_large",
    "A file your program wrote grew past the size limit and the program was stopped (signal "
    "SIGXFSZ). Write only the lines the task asks for.",
)
FILE_LIMIT_REACHED = Template(
    "file_limit_reached",
    "Your program's {file} reached the size limit of {limit} bytes, so every later write to it "
    "failed (OSError: File too large). Write only the lines the task asks for.",
)
DISK_LIMIT_REACHED = Template(
    "disk_limit",
    "Your program kept more on disk than a graded run may (its folder, /tmp and /dev/shm together), "
    "so the sandbox stopped it. Write only what the task asks for, and delete temporary files.",
)
SUPERVISOR_FAILED = Template(
    "supervisor_failed",
    "The grader could not run your program ({message}), twice. This is not your mistake and "
    "costs you no points; your instructor has been told.",
)

SIGNAL_NAMES = {
    2: "SIGINT",
    9: "SIGKILL",
    11: "SIGSEGV",
    15: "SIGTERM",
    25: "SIGXFSZ",
    24: "SIGXCPU",
}
CANT_GET_ATTRIBUTE = re.compile(r"Can't get attribute '([^']+)'")
CANT_PICKLE = re.compile(r"Can't pickle|cannot pickle|PicklingError|Can't get local object")


@dataclass(frozen=True)
class Diagnosis:
    """A recognised cause, and how the learner fixes it."""

    kind: str
    explanation: str


def _method(result: RunResult) -> str:
    return result.start_method or "the default start method"


def classic_error(result: RunResult) -> Diagnosis | None:
    """Find the first classic multiprocessing error in the run, if any."""
    for error in _errors_in_order(result):
        diagnosis = _diagnose_exception(result, error)
        if diagnosis is not None:
            return diagnosis
    return _diagnose_stderr(result)


def _diagnosed(finding: Finding) -> Diagnosis:
    """A classic error of the finding's own kind (``missing_main_guard``...), as stops names its cause."""
    return Diagnosis(finding.kind, finding)


def _errors_in_order(result: RunResult) -> list[ExceptionInfo]:
    fatal = [e for e in result.exceptions if e.fatal]
    return fatal + [e for e in result.exceptions if not e.fatal]


def _diagnose_exception(result: RunResult, error: ExceptionInfo) -> Diagnosis | None:
    text, method = error.summary, _method(result)
    if error.fatal == "bootstrap" or "bootstrapping phase" in text:
        return _diagnosed(
            MISSING_MAIN_GUARD.found(method=method, process=f"pid {error.pid}"),
        )
    found = CANT_GET_ATTRIBUTE.search(text)
    if found:
        return _diagnosed(
            CANT_FIND_FUNCTION.found(
                process=f"A child process (pid {error.pid})",
                name=found.group(1),
                method=method,
                message=_first_line(text),
            ),
        )
    if CANT_PICKLE.search(text):
        return _diagnosed(UNPICKLABLE_TARGET.found(method=method, message=_first_line(text)))
    return _diagnose_pool_misuse(result, error)


def _diagnose_pool_misuse(result: RunResult, error: ExceptionInfo) -> Diagnosis | None:
    if error.type == "BrokenProcessPool":
        return _diagnosed(
            BROKEN_POOL.found(worker=_dead_worker(result), message=_first_line(error.message).rstrip(".")),
        )
    if error.type == "ValueError" and error.message.startswith("Pool not running"):
        return _diagnosed(POOL_USED_AFTER_CLOSE.found(pid=error.pid, message=error.message))
    if error.type == "ValueError" and "Pool is still running" in error.message:
        return _diagnosed(JOIN_BEFORE_CLOSE.found(pid=error.pid, message=error.message))
    return None


def _dead_worker(result: RunResult) -> str:
    """Name the pool worker that died first on its own (not one the pool terminated after it)."""
    for process in result.processes:
        if process.role == "pool_worker" and process.exitcode not in (None, 0, -15):
            return BROKEN_POOL_WORKER.found(label=process.label, code=process.exitcode)
    return "A worker process of your ProcessPoolExecutor died abruptly"


def _diagnose_stderr(result: RunResult) -> Diagnosis | None:
    stderr = result.stderr
    if "SyntaxError" in stderr or "IndentationError" in stderr:
        return _diagnosed(SYNTAX_ERROR.found(message=_last_error_line(stderr)))
    if "bootstrapping phase" in stderr:
        return _diagnosed(
            MISSING_MAIN_GUARD.found(method=_method(result), process="a child process"),
        )
    found = CANT_GET_ATTRIBUTE.search(stderr)
    if found:
        return _diagnosed(
            CANT_FIND_FUNCTION.found(
                process="A child process",
                name=found.group(1),
                method=_method(result),
                message=found.group(0),
            ),
        )
    if CANT_PICKLE.search(stderr):
        return _diagnosed(
            UNPICKLABLE_TARGET.found(method=_method(result), message=_last_error_line(stderr)),
        )
    return None


def explain_stop(result: RunResult) -> str | None:
    """Explain why the runner stopped the program early, or None if it ended by itself."""
    reason = result.reason
    limits = result.limits
    if reason == protocol.TIMEOUT:
        limit = limits.time_limit if limits else result.duration
        return TIMEOUT.found(limit=limit, detail=_timeout_detail(result))
    if reason == protocol.PROCESS_LIMIT:
        return PROCESS_LIMIT.found(limit=_process_limit(result), peak=result.peak_processes)
    if reason == protocol.OUTPUT_LIMIT:
        size = limits.output_limit if limits else result.stdout_size + result.stderr_size
        return OUTPUT_LIMIT.found(limit=size)
    if reason == protocol.SUPERVISOR_FAILED:
        return SUPERVISOR_FAILED.found(message=_first_line(result.stderr))
    return None


def _process_limit(result: RunResult) -> int:
    if result.limits is not None:
        return result.limits.process_limit
    return max(result.peak_processes - 1, 0)


def _timeout_detail(result: RunResult) -> str:
    dead_workers = [p for p in result.processes if p.role == "pool_worker" and p.exitcode not in (None, 0)]
    if dead_workers:
        first = dead_workers[0]
        return TIMEOUT_WORKERS_DIED.found(count=len(dead_workers), label=first.label, code=first.exitcode)
    # The main process always has an exit code here: the runner killed it at the limit.
    unfinished = [p for p in result.processes if p.role in ("child", "pool_worker") and p.exitcode is None]
    waiting = waited_on(result, unfinished)
    if waiting:
        return waiting
    if unfinished:
        names = ", ".join(p.label for p in [result.main, *unfinished][:6])
        return TIMEOUT_DEADLOCK.found(alive=names)
    return TIMEOUT_LOOP


def explain_exit(result: RunResult) -> str | None:
    """Explain a non-zero exit code of the main process."""
    code = result.exit_code
    if code in (0, None):
        return None
    if code < 0:
        if -code == 25:
            return FILE_TOO_LARGE
        if DISK_FULL.partition("{limit}")[0] in result.stderr:
            return DISK_LIMIT_REACHED.found()
        return KILLED_BY_SIGNAL.found(signal=SIGNAL_NAMES.get(-code, -code), code=code)
    main_errors = [e for e in result.exceptions if e.pid == result.main_pid and e.where == "main"]
    if main_errors:
        return CRASHED.found(pid=result.main_pid, message=_first_line(main_errors[-1].summary))
    return NONZERO_EXIT.found(code=code)


def explain_file_limit(result: RunResult) -> str | None:
    """Explain a file that reached the run's size limit: Python ignores SIGXFSZ, writes fail."""
    if result.limits is None:
        return None
    sizes = (
        (LOG_FILE_NAME, result.log_size),
        ("stdout", result.stdout_size),
        ("stderr", result.stderr_size),
    )
    for name, size in sizes:
        if size >= result.limits.file_limit:
            return FILE_LIMIT_REACHED.found(file=name, limit=result.limits.file_limit)
    return None


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text


def _last_error_line(stderr: str) -> str:
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else "an error"


def stderr_excerpt(result: RunResult, limit: int = 1500) -> str:
    """The end of stderr, trimmed: enough of a traceback to locate the error."""
    text = result.stderr.strip()
    return text if len(text) <= limit else "..." + text[-limit:]
