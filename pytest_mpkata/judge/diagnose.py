"""Recognise the classic multiprocessing mistakes in a run and explain them.

Each explanation says what happened, with the run's own pids and names, and
what to change, in one or two sentences.  ``explain_failure`` is used by
``checks.ran_cleanly`` (and by the terminal picture) when a program did not run
cleanly; it reads only the ``RunResult``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pytest_mpkata.judge.findings import Finding, Templates
from pytest_mpkata.run import protocol
from pytest_mpkata.run._world import DISK_FULL
from pytest_mpkata.trace.model import ExceptionInfo, ProcessInfo, RunResult

MISSING_MAIN_GUARD = (
    "Under {method}, each child process re-imports your file, and your file starts processes "
    'at import time, so every child tried to start more (RuntimeError "bootstrapping phase" '
    "in {process}). Put the code that creates and starts processes or pools under "
    '`if __name__ == "__main__":`.'
)
CANT_FIND_FUNCTION = (
    "{process} could not find `{name}` in your program under {method}: "
    "{message}. Define `{name}` at the top level of your file (not inside another function, "
    'not inside the `if __name__ == "__main__":` block), so every start method can import it.'
)
UNPICKLABLE_TARGET = (
    "Python could not send your function to the child process under {method} ({message}). "
    "A lambda or a function defined inside another function cannot be pickled; use a function "
    "defined with `def` at the top level of your file."
)
BROKEN_POOL = (
    "{worker}, so the pool broke (BrokenProcessPool: {message}). Look for `os._exit`, a crash "
    "or an error at import time in the function your workers run."
)
BROKEN_POOL_WORKER = (
    "{label}, a worker process of your ProcessPoolExecutor, died abruptly with exit code {code}"
)
POOL_USED_AFTER_CLOSE = (
    "Your program (pid {pid}) used a pool after it was closed or terminated (ValueError: "
    "{message}). Submit all the work (map, apply_async...) before `pool.close()`, or before "
    "leaving the `with` block."
)
JOIN_BEFORE_CLOSE = (
    "Your program (pid {pid}) called `pool.join()` while the pool was still running "
    "(ValueError: {message}). Call `pool.close()` first, then `pool.join()`."
)
SYNTAX_ERROR = (
    "Python could not read your file: {message}. Fix the syntax error at the line shown "
    "in the traceback below, then run the checks again."
)
CRASHED = "Your program stopped with an error in the main process (pid {pid}): {message}."
NONZERO_EXIT = (
    "Your program exited with code {code} instead of 0. Make it finish normally: no "
    "`sys.exit()` with an error code, no unhandled exception."
)
KILLED_BY_SIGNAL = "Your program was killed by signal {signal} (exit code {code})."
TIMEOUT = "Your program did not finish within its time limit of {limit:g} s and was stopped. {detail}"
TIMEOUT_DEADLOCK = (
    "When it was stopped, these processes had not finished: {alive}. A `join()` or a "
    "`get()`/`map()` that waits for work that never comes is the usual cause: check that "
    "every process you join can end and every queue you read is fed."
)
TIMEOUT_WORKERS_DIED = (
    "{count} pool workers died (e.g. {label}, exit code {code}), so the pool's tasks never "
    "finished and `map()` waited forever. Fix the error in the worker (see stderr below)."
)
TIMEOUT_CONSUMERS_WAIT = (
    "A consumer waits forever: put one sentinel per consumer. {labels} took every item from the "
    "queue and still waited in `get()` when the run was stopped; your program put {sentinels} "
    "sentinel(s) (`None`) for {consumers} consumers."
)
TIMEOUT_SENTINEL_IGNORED = (
    "Your consumers took their sentinels (`None`) and still waited in `get()` when the run was "
    "stopped ({labels}): stop the loop when the item a consumer takes is `None`."
)
TIMEOUT_PIPE_WAIT = (
    "Both ends of your pipe wait in `recv()`: every message sent over it had been received, and "
    "{labels} still waited for one more when the run was stopped. One side must `send()` before "
    "the other can `recv()`: the parent sends each number first, the child receives it and replies."
)
TIMEOUT_LOOP = "Look for an endless loop, or a `join()` on a process that never ends."
PROCESS_LIMIT = (
    "Your program created more than {limit} processes ({peak} at once) and was stopped: it "
    "forks without end. Create a fixed number of processes, and never start processes from "
    "code that every child runs."
)
OUTPUT_LIMIT = (
    "Your program printed more than {limit} bytes and was stopped. Print (or log) only the "
    "lines the task asks for."
)
FILE_TOO_LARGE = (
    "A file your program wrote grew past the size limit and the program was stopped (signal "
    "SIGXFSZ). Write only the lines the task asks for."
)
FILE_LIMIT_REACHED = (
    "Your program's {file} reached the size limit of {limit} bytes, so every later write to it "
    "failed (OSError: File too large). Write only the lines the task asks for."
)
DISK_LIMIT_REACHED = (
    "Your program kept more on disk than a graded run may (its folder, /tmp and /dev/shm together), "
    "so the sandbox stopped it. Write only what the task asks for, and delete temporary files."
)
SUPERVISOR_FAILED = "The run could not be supervised: {message}"

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


_found = Templates(globals())
"""Each template above is a kind of finding, named after it (``TIMEOUT`` -> ``timeout``)."""


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
            return _as_finding(diagnosis)
    diagnosis = _diagnose_stderr(result)
    return _as_finding(diagnosis) if diagnosis is not None else None


def _as_finding(diagnosis: Diagnosis) -> Diagnosis:
    """The explanation as a finding of the diagnosis's own kind (``missing_main_guard``...)."""
    return Diagnosis(diagnosis.kind, Finding(diagnosis.explanation, diagnosis.kind))


def _errors_in_order(result: RunResult) -> list[ExceptionInfo]:
    fatal = [e for e in result.exceptions if e.fatal]
    return fatal + [e for e in result.exceptions if not e.fatal]


def _diagnose_exception(result: RunResult, error: ExceptionInfo) -> Diagnosis | None:
    text, method = error.summary, _method(result)
    if error.fatal == "bootstrap" or "bootstrapping phase" in text:
        return Diagnosis(
            "missing_main_guard",
            _found(MISSING_MAIN_GUARD, method=method, process=f"pid {error.pid}"),
        )
    found = CANT_GET_ATTRIBUTE.search(text)
    if found:
        return Diagnosis(
            "cant_find_function",
            _found(
                CANT_FIND_FUNCTION,
                process=f"A child process (pid {error.pid})",
                name=found.group(1),
                method=method,
                message=_first_line(text),
            ),
        )
    if CANT_PICKLE.search(text):
        return Diagnosis("unpicklable", _found(UNPICKLABLE_TARGET, method=method, message=_first_line(text)))
    return _diagnose_pool_misuse(result, error)


def _diagnose_pool_misuse(result: RunResult, error: ExceptionInfo) -> Diagnosis | None:
    if error.type == "BrokenProcessPool":
        return Diagnosis(
            "broken_pool",
            _found(BROKEN_POOL, worker=_dead_worker(result), message=_first_line(error.message).rstrip(".")),
        )
    if error.type == "ValueError" and error.message.startswith("Pool not running"):
        return Diagnosis(
            "pool_after_close", _found(POOL_USED_AFTER_CLOSE, pid=error.pid, message=error.message)
        )
    if error.type == "ValueError" and "Pool is still running" in error.message:
        return Diagnosis("join_before_close", _found(JOIN_BEFORE_CLOSE, pid=error.pid, message=error.message))
    return None


def _dead_worker(result: RunResult) -> str:
    """Name the pool worker that died first on its own (not one the pool terminated after it)."""
    for process in result.processes:
        if process.role == "pool_worker" and process.exitcode not in (None, 0, -15):
            return _found(BROKEN_POOL_WORKER, label=process.label, code=process.exitcode)
    return "A worker process of your ProcessPoolExecutor died abruptly"


def _diagnose_stderr(result: RunResult) -> Diagnosis | None:
    stderr = result.stderr
    if "SyntaxError" in stderr or "IndentationError" in stderr:
        return Diagnosis("syntax_error", _found(SYNTAX_ERROR, message=_last_error_line(stderr)))
    if "bootstrapping phase" in stderr:
        return Diagnosis(
            "missing_main_guard",
            _found(MISSING_MAIN_GUARD, method=_method(result), process="a child process"),
        )
    found = CANT_GET_ATTRIBUTE.search(stderr)
    if found:
        return Diagnosis(
            "cant_find_function",
            _found(
                CANT_FIND_FUNCTION,
                process="A child process",
                name=found.group(1),
                method=_method(result),
                message=found.group(0),
            ),
        )
    if CANT_PICKLE.search(stderr):
        return Diagnosis(
            "unpicklable",
            _found(UNPICKLABLE_TARGET, method=_method(result), message=_last_error_line(stderr)),
        )
    return None


def explain_stop(result: RunResult) -> str | None:
    """Explain why the runner stopped the program early, or None if it ended by itself."""
    reason = result.reason
    limits = result.limits
    if reason == protocol.TIMEOUT:
        limit = limits.time_limit if limits else result.duration
        return _found(TIMEOUT, limit=limit, detail=_timeout_detail(result))
    if reason == protocol.PROCESS_LIMIT:
        return _found(PROCESS_LIMIT, limit=_process_limit(result), peak=result.peak_processes)
    if reason == protocol.OUTPUT_LIMIT:
        size = limits.output_limit if limits else result.stdout_size + result.stderr_size
        return _found(OUTPUT_LIMIT, limit=size)
    if reason == protocol.SUPERVISOR_FAILED:
        return _found(SUPERVISOR_FAILED, message=_first_line(result.stderr))
    return None


def _process_limit(result: RunResult) -> int:
    if result.limits is not None:
        return result.limits.process_limit
    return max(result.peak_processes - 1, 0)


def _timeout_detail(result: RunResult) -> str:
    dead_workers = [p for p in result.processes if p.role == "pool_worker" and p.exitcode not in (None, 0)]
    if dead_workers:
        first = dead_workers[0]
        return _found(TIMEOUT_WORKERS_DIED, count=len(dead_workers), label=first.label, code=first.exitcode)
    # The main process always has an exit code here: the runner killed it at the limit.
    unfinished = [p for p in result.processes if p.role in ("child", "pool_worker") and p.exitcode is None]
    waiting = _consumers_waiting(result, unfinished) or _pipe_waiting(result, unfinished)
    if waiting:
        return waiting
    if unfinished:
        names = ", ".join(p.label for p in [result.main, *unfinished][:6])
        return _found(TIMEOUT_DEADLOCK, alive=names)
    return TIMEOUT_LOOP


def _consumers_waiting(result: RunResult, unfinished: list[ProcessInfo]) -> str | None:
    """Consumers still alive on a queue whose every item was taken: no sentinel came for them."""
    for queue in {e.queue for e in result.queue_events}:
        events = [e for e in result.queue_events if e.queue == queue]
        puts = [e for e in events if e.action == "put"]
        takers = {e.pid for e in events if e.action == "get"}
        waiting = [p for p in unfinished if p.pid in takers]
        if not waiting or len(puts) != len(events) - len(puts):
            continue
        labels = ", ".join(p.label for p in waiting[:4])
        sentinels = sum(1 for e in puts if e.is_sentinel)
        consumers = len({p for p in takers if p != result.main_pid})
        if sentinels >= consumers:
            return _found(TIMEOUT_SENTINEL_IGNORED, labels=labels)
        return _found(TIMEOUT_CONSUMERS_WAIT, labels=labels, sentinels=sentinels, consumers=consumers)
    return None


def _pipe_waiting(result: RunResult, unfinished: list[ProcessInfo]) -> str | None:
    """A pipe over which every message sent was received, with a process that used it still alive."""
    for pipe in {e.pipe for e in result.pipe_events}:
        events = [e for e in result.pipe_events if e.pipe == pipe]
        sends = [e for e in events if e.action == "send"]
        receives = [e for e in events if e.action == "recv"]
        users = {e.pid for e in events}
        waiting = [p for p in unfinished if p.pid in users]
        if waiting and len(sends) == len(receives):
            labels = ", ".join(p.label for p in [result.main, *waiting][:4])
            return _found(TIMEOUT_PIPE_WAIT, labels=labels)
    return None


def explain_exit(result: RunResult) -> str | None:
    """Explain a non-zero exit code of the main process."""
    code = result.exit_code
    if code in (0, None):
        return None
    if code < 0:
        if -code == 25:
            return FILE_TOO_LARGE
        if DISK_FULL.partition("{limit}")[0] in result.stderr:
            return DISK_LIMIT_REACHED
        return _found(KILLED_BY_SIGNAL, signal=SIGNAL_NAMES.get(-code, -code), code=code)
    main_errors = [e for e in result.exceptions if e.pid == result.main_pid and e.where == "main"]
    if main_errors:
        return _found(CRASHED, pid=result.main_pid, message=_first_line(main_errors[-1].summary))
    return _found(NONZERO_EXIT, code=code)


def explain_file_limit(result: RunResult) -> str | None:
    """Explain a file that reached the run's size limit: Python ignores SIGXFSZ, writes fail."""
    if result.limits is None:
        return None
    sizes = (
        ("test.log", result.log_size),
        ("stdout", result.stdout_size),
        ("stderr", result.stderr_size),
    )
    for name, size in sizes:
        if size >= result.limits.file_limit:
            return _found(FILE_LIMIT_REACHED, file=name, limit=result.limits.file_limit)
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
