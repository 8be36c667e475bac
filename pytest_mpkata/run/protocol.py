"""The supervisor protocol: what the runner asks for, what the supervisor answers, why a run ended.

Two parties share it, each on its own side of a process boundary, the way ``records.py`` is
shared by the tracer and the builder:

* the runner (``run/runner.py``), in pytest, writes a request (a JSON object keyed by the
  ``REQUEST_*`` names below) and reads back a verdict (keyed by ``VERDICT_*``);
* the supervisor (``run/_supervisor.py``) and the sandbox it loads (``run/_sandbox.py``), bare
  ``python -I -S`` processes, read the request and write the verdict.

The supervisor cannot import this package, so it loads this file by path; it therefore
imports nothing and defines nothing but constants.  ``REASONS`` gives each way a run can end
its one description; the judge's messages and pictures build on it.
"""

from __future__ import annotations

__all__ = [
    "EXITED",
    "FACT_CPU",
    "FACT_ENDED",
    "FACT_EXECS",
    "FACT_EXIT",
    "FACT_HOST_PID",
    "FACT_PARENT",
    "FACT_PID",
    "FACT_STARTED",
    "FACT_THREADS",
    "FATAL_ERROR",
    "INTERRUPTED",
    "LOG_FILE_NAME",
    "OUTPUT_LIMIT",
    "PROCESS_LIMIT",
    "REASONS",
    "REQUEST_ENV",
    "REQUEST_FILE_LIMIT",
    "REQUEST_MEMORY_LIMIT",
    "REQUEST_OUTPUT_FDS",
    "REQUEST_OUTPUT_LIMIT",
    "REQUEST_PARENT_PID",
    "REQUEST_PROCESS_LIMIT",
    "REQUEST_PYTHON",
    "REQUEST_SANDBOX",
    "REQUEST_SCRIPT_NAME",
    "REQUEST_SETTLE",
    "REQUEST_STDERR_PATH",
    "REQUEST_STDOUT_PATH",
    "REQUEST_TIME_LIMIT",
    "REQUEST_TRACE_FD",
    "REQUEST_TRACE_PATH",
    "REQUEST_VERDICT_PATH",
    "REQUEST_WATCH_WRITES",
    "REQUEST_WORKDIR",
    "STOPPED_REASONS",
    "SUPERVISOR_FAILED",
    "TIMEOUT",
    "VERDICT_CHANNEL",
    "VERDICT_DROPPED",
    "VERDICT_DURATION",
    "VERDICT_ERROR",
    "VERDICT_EXIT_CODE",
    "VERDICT_JUNK",
    "VERDICT_KILLED",
    "VERDICT_LEFTOVERS",
    "VERDICT_MAIN_PID",
    "VERDICT_OBSERVER",
    "VERDICT_OUTPUT",
    "VERDICT_PEAK_PROCESSES",
    "VERDICT_PROCESSES",
    "VERDICT_REASON",
    "VERDICT_SANDBOX",
    "VERDICT_STOPPED_AT",
    "VERDICT_SUBREAPER",
    "VERDICT_WRITES",
    "VERDICT_WRITES_WATCHED",
    "WRITES_KEPT",
    "WRITE_FILE",
    "WRITE_OPAQUE",
    "WRITE_PID",
    "WRITE_TEXT",
]

# --- the request: what the runner asks the supervisor to do ---------------------------------

REQUEST_PYTHON = "python"
REQUEST_SCRIPT_NAME = "script_name"
REQUEST_WORKDIR = "workdir"
REQUEST_ENV = "env"
REQUEST_STDOUT_PATH = "stdout_path"
REQUEST_STDERR_PATH = "stderr_path"
REQUEST_TRACE_PATH = "trace_path"
"""Where the trace ends up: written by the supervisor after the run (or by the tracer where
the system offers no credential-stamped channel)."""
REQUEST_VERDICT_PATH = "verdict_path"
REQUEST_TIME_LIMIT = "time_limit"
REQUEST_PROCESS_LIMIT = "process_limit"
REQUEST_OUTPUT_LIMIT = "output_limit"
REQUEST_FILE_LIMIT = "file_limit"
REQUEST_MEMORY_LIMIT = "memory_limit"
REQUEST_SETTLE = "settle"
REQUEST_PARENT_PID = "parent_pid"
REQUEST_SANDBOX = "sandbox"
"""The sandbox's part of the request (paths, layers); absent when the run is not sandboxed."""
REQUEST_TRACE_FD = "trace_fd"
"""Set by the supervisor on its copy of the request: the descriptor the program inherits."""
REQUEST_OUTPUT_FDS = "output_fds"
"""Set by the supervisor on its copy: the descriptors that become the program's stdout and stderr
(stamped sockets, ``_writes.Output``); absent where the program writes to the files itself."""
REQUEST_WATCH_WRITES = "watch_writes"
"""Set by the supervisor on its copy: the program installs the write filter (``_writes.py``)
just before its exec, once it is traced."""

LOG_FILE_NAME = "test.log"
"""The file every kata logs to, in the run folder; the kernel's account of its writes is kept."""

# --- the verdict: what the supervisor saw ---------------------------------------------------

VERDICT_REASON = "reason"
VERDICT_EXIT_CODE = "exit_code"
VERDICT_MAIN_PID = "main_pid"
VERDICT_DURATION = "duration"
VERDICT_STOPPED_AT = "stopped_at"
"""Wall-clock time (``time.time()``, the clock of the trace records) at which the supervisor
decided to stop the program; null when it ended on its own.  What the program did after that
moment, while it was being killed, depends on how fast the kill went, so nothing judges it."""
VERDICT_LEFTOVERS = "leftovers"
VERDICT_KILLED = "killed"
VERDICT_PEAK_PROCESSES = "peak_processes"
VERDICT_SUBREAPER = "subreaper"
VERDICT_SANDBOX = "sandbox"
VERDICT_ERROR = "error"
VERDICT_OBSERVER = "observer"
"""How the supervisor followed the program's processes: ``ptrace``, or ``off: <why>``."""
VERDICT_CHANNEL = "channel"
"""How trace records reached the supervisor: ``stamped`` (each carries its sender's pid, as the
kernel reports it) or ``file`` (written by the tracer itself; nothing vouches for them)."""
VERDICT_PROCESSES = "processes"
"""The processes the kernel reported, in the order they appeared: a list of ``FACT_*`` objects."""
VERDICT_JUNK = "junk"
"""Messages on the trace channel that no tracer writes (malformed records)."""
VERDICT_DROPPED = "dropped"
"""Trace records past the supervisor's bound, not kept."""
VERDICT_WRITES_WATCHED = "writes_watched"
"""How writes to test.log were attributed: ``syscalls``, or ``off: <why>``."""
VERDICT_OUTPUT = "output"
"""``stamped`` when stdout and stderr reached the supervisor with each writer's pid, else ``file: <why>``."""
VERDICT_WRITES = "writes"
"""What each process wrote to each watched file (test.log, and stdout and stderr when the output
is stamped): a list of ``WRITE_*`` objects."""

# --- what one process wrote to one watched file (an item of VERDICT_WRITES) -----------------

WRITE_PID = "pid"
WRITE_FILE = "file"
"""``test.log``, ``stdout`` or ``stderr``."""
WRITE_TEXT = "text"
"""Its bytes, in order, as text (past ``WRITES_KEPT`` bytes of one file's writes: cut)."""
WRITES_KEPT = 1 << 20
"""Bytes kept of each watched file's writes; past it writes are counted, not kept."""
WRITE_OPAQUE = "opaque"
"""Writes whose bytes cannot be read (``sendfile``, ``splice``, ``copy_file_range``)."""

# --- one process as the kernel reported it (an item of VERDICT_PROCESSES) -------------------

FACT_PID = "pid"
"""The pid as the program itself sees it (its PID namespace's numbering)."""
FACT_HOST_PID = "host"
FACT_PARENT = "parent"
FACT_STARTED = "started"
"""Wall-clock time the kernel reported the process created, before it ran an instruction."""
FACT_ENDED = "ended"
"""Wall-clock time its last thread stopped, after its last instruction; null if still alive."""
FACT_EXIT = "exit"
FACT_CPU = "cpu"
"""Seconds of CPU (user + system) it used, read as it exited; null if it was killed."""
FACT_EXECS = "execs"
"""The command lines it exec'd, in order (a spawned child runs ``python -c ...spawn_main...``)."""
FACT_THREADS = "threads"
"""Threads it started besides its first one."""

# --- why a run ended ------------------------------------------------------------------------

EXITED = "exited"
TIMEOUT = "timeout"
PROCESS_LIMIT = "process_limit"
OUTPUT_LIMIT = "output_limit"
FATAL_ERROR = "fatal_error"
INTERRUPTED = "interrupted"
SUPERVISOR_FAILED = "supervisor_failed"

REASONS: dict[str, str] = {
    EXITED: "it ended on its own",
    TIMEOUT: "it did not finish within its time limit",
    PROCESS_LIMIT: "it started more processes than allowed",
    OUTPUT_LIMIT: "it wrote more output than allowed",
    FATAL_ERROR: "it hit an error no multiprocessing program recovers from",
    INTERRUPTED: "the run was interrupted",
    SUPERVISOR_FAILED: "the run could not be supervised",
}
"""Each way a run ends, with its one description (completing "the program stopped because ...")."""

STOPPED_REASONS = tuple(reason for reason in REASONS if reason != EXITED)
"""The reasons for which the supervisor stopped the program rather than it ending by itself."""
