"""Watch a run while it goes: its time, process count, output and trace, and how it ended.

Loaded by the bare supervisor by path (stdlib only).  ``watch_until_done`` waits for the main
process, waking as soon as something needs the supervisor (the main process exits, a traced
process stops, output waits on a full socket), and tells why the run ended; the supervisor then
stops whatever is left.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from typing import Any, Callable

P: Any = None
records: Any = None
tree: Any = None
FATAL_MARKER = b""
IS_LINUX = sys.platform.startswith("linux")
MAX_TICK = 0.02


def bind(protocol: Any, record_schema: Any, process_tree: Any) -> None:
    """Take the supervisor's own protocol, record schema and process tree (loaded by path)."""
    global P, records, tree, FATAL_MARKER
    P, records, tree = protocol, record_schema, process_tree
    FATAL_MARKER = records.FATAL_MARKER


def exit_code_of(main: subprocess.Popen[bytes]) -> int | None:
    """The main process's exit code, whoever collected it."""
    reaped: dict[int, int] = tree.REAPED
    if main.pid in reaped:
        return reaped[main.pid]
    if _followed(main):
        deadline = time.monotonic() + 1
        while main.pid not in reaped and time.monotonic() < deadline:
            tree.reap_all()
            time.sleep(0.002)
        return reaped.get(main.pid)
    try:
        return main.wait(timeout=1)
    except subprocess.TimeoutExpired:
        return None


def _followed(main: Any) -> bool:
    """A traced ``Popen`` must never wait for itself: its waitpid would take our ptrace stops."""
    return tree.OBSERVER is not None and isinstance(main, subprocess.Popen)


def _running(main: Any) -> bool:
    if main.pid in tree.REAPED:
        return False
    return _followed(main) or main.poll() is None


class Watch:
    """Follow the trace file and output files while the program runs."""

    interrupted = False
    """Set by the supervisor's SIGTERM handler: the run ends as ``interrupted``."""

    def __init__(self, request: dict[str, Any], uncounted: int = 0) -> None:
        self.request = request
        self.trace_offset = 0
        self.peak_processes = 0
        self.uncounted = uncounted

    def fatal_error(self) -> bool:
        if tree.CHANNEL is not None:
            return bool(tree.CHANNEL.fatal)
        try:
            with open(self.request[P.REQUEST_TRACE_PATH], "rb") as handle:
                handle.seek(self.trace_offset)
                chunk = handle.read()
        except OSError:
            return False
        complete = chunk.rfind(records.RECORD_END) + len(records.RECORD_END)
        self.trace_offset += complete
        return FATAL_MARKER in chunk[:complete]

    def output_too_large(self) -> bool:
        total = 0
        for key in (P.REQUEST_STDOUT_PATH, P.REQUEST_STDERR_PATH):
            with contextlib.suppress(OSError):
                total += os.path.getsize(self.request[key])
        return bool(total > self.request[P.REQUEST_OUTPUT_LIMIT])

    def too_many_processes(self) -> bool:
        if not IS_LINUX:
            return False
        count = len(tree.descendants(os.getpid())) - self.uncounted
        self.peak_processes = max(self.peak_processes, count)
        return bool(count > self.request[P.REQUEST_PROCESS_LIMIT])

    def reason_to_stop(self, clock: RunClock) -> str | None:
        if Watch.interrupted:
            return str(P.INTERRUPTED)
        if clock.out_of_time():
            return str(P.TIMEOUT)
        if self.too_many_processes():
            return str(P.PROCESS_LIMIT)
        if self.output_too_large():
            return str(P.OUTPUT_LIMIT)
        if self.fatal_error():
            return str(P.FATAL_ERROR)
        return None


WATCH_EVERY = 0.002
"""Seconds between two looks at the run's limits (processes, output, fatal errors).  Every ptrace
stop wakes the loop (a traced write is one); the stops are handled at once, the limits at most
this often, so a program that writes a lot is not slowed by scans of /proc."""


CPU_PRESSURE = "/proc/pressure/cpu"
"""Linux's pressure stall information: ``total=`` counts the microseconds during which some
runnable task waited for a CPU another task held."""

STALL_ALLOWANCE = 3.0
"""However loaded the machine, a run is stopped after this many times its time limit."""


def stalled_seconds() -> float | None:
    """Seconds this machine's runnable tasks have waited for a CPU since boot, or None where the
    kernel does not say (not Linux, or a kernel without pressure stall information)."""
    try:
        with open(CPU_PRESSURE, "rb") as pressure:
            some = pressure.readline()
        return int(some.rsplit(b"total=", 1)[1]) / 1e6
    except (OSError, IndexError, ValueError):
        return None


class RunClock:
    """A time limit that counts the time the machine let the run use.

    On a machine busy with other work (an instructor grading with ``-n auto``, busy loops beside),
    a correct program can wait for a CPU longer than it runs; a wall-clock limit would then fail it
    for the machine's load, and a grade would depend on what else was running.  So the seconds the
    kernel saw runnable tasks waiting for a CPU (pressure stall information) are given back, but
    only for the stretches in which the run itself used a CPU: a program asleep in a deadlock is not
    slowed by the load, and ends at its plain limit however busy the machine.  In all, at most
    ``STALL_ALLOWANCE`` times the limit, so a busy hang still ends.  On an idle machine, or where
    the kernel does not say, the limit is plain wall-clock time.
    """

    def __init__(
        self,
        time_limit: float,
        now: Callable[[], float] = time.monotonic,
        cpu_used: Callable[[], float | None] = lambda: None,
    ) -> None:
        self.now = now
        self.cpu_used = cpu_used
        self.started = self.looked = now()
        self.time_limit = time_limit
        self.stalled = stalled_seconds()
        self.given_back = 0.0
        self.last_resort = self.started + time_limit * STALL_ALLOWANCE

    def out_of_time(self) -> bool:
        """Whether the run has used its time; the kernel is asked at most every ``LOOK_EVERY``."""
        now = self.now()
        if now - self.looked >= LOOK_EVERY:
            self.looked = now
            self._give_back_stalls()
        deadline = min(self.started + self.time_limit + self.given_back, self.last_resort)
        return now > deadline

    def _give_back_stalls(self) -> None:
        stalled, used = stalled_seconds(), self.cpu_used()
        if stalled is not None and self.stalled is not None and (used is None or used > 0):
            self.given_back += max(0.0, stalled - self.stalled)
        self.stalled = stalled


LOOK_EVERY = 0.1
"""Seconds between two readings of the machine's stalls and the run's CPU time."""


def watch_until_done(main: subprocess.Popen[bytes], watch: Watch, time_limit: float) -> str:
    """Wait for the main process; return why the run ended."""
    clock = RunClock(time_limit, cpu_used=tree.CpuUse(os.getpid()).since_last_look)
    tick = 0.001
    exited = _exit_signal(main.pid)
    checked = 0.0
    while _running(main):
        tree.reap_all()
        now = time.monotonic()
        if now - checked >= WATCH_EVERY:  # a traced write wakes us often: the limits need not
            checked = now
            reason = watch.reason_to_stop(clock)
            if reason is not None:
                return reason
        exited(tick)
        tick = min(tick * 1.5, MAX_TICK)
    return str(P.EXITED)


def _exit_signal(pid: int) -> Any:
    """A wait that returns as soon as something needs us: ``pid`` exits (a pidfd on Linux) or a
    traced process stops (SIGCHLD, through a wakeup pipe); else after ``tick``.  Trace records
    do not wake us: the channel holds megabytes, and is drained every tick."""
    try:
        import select

        watched = [os.pidfd_open(pid)]
    except (AttributeError, OSError, ImportError):
        return time.sleep
    stops = _child_signal_pipe() if tree.OBSERVER is not None else -1
    if stops >= 0:
        watched.append(stops)
    watched += [output.receiver_fd() for output in tree.OUTPUTS]  # a full socket holds its writer

    def wait(tick: float) -> None:
        ready, _, _ = select.select(watched, [], [], tick)
        if stops in ready:
            with contextlib.suppress(OSError):
                os.read(stops, 4096)

    return wait


def _child_signal_pipe() -> int:
    """A pipe that becomes readable on every SIGCHLD (a ptrace stop sends one)."""
    read, write = os.pipe()
    os.set_blocking(read, False)
    os.set_blocking(write, False)
    signal.signal(signal.SIGCHLD, lambda signum, frame: None)
    signal.set_wakeup_fd(write, warn_on_full_buffer=False)
    return read
