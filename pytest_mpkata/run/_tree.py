"""The run's process tree: the limits it inherits, listing it, reaping it, killing all of it.

Loaded by the bare supervisor by path (stdlib only).  ``OBSERVER`` and ``CHANNEL`` are the
run's ``_kernel.Observer`` and ``_kernel.Channel`` when the system offers them: reaping
hands the ptrace stops to the one and drains the other, so that no process of the run ever
waits on us while we wait on it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from typing import Any

IS_LINUX = sys.platform.startswith("linux")
TERM_GRACE = 0.2
MAX_TICK = 0.02

OBSERVER: Any = None
"""This run's ``_kernel.Observer``, when processes can be followed."""
CHANNEL: Any = None
OUTPUTS: list[Any] = []
"""The program's stdout and stderr as stamped sockets (``_writes.Output``), where the system offers them."""
"""This run's ``_kernel.Channel``, when records can be stamped."""
REAPED: dict[int, int] = {}
"""Exit codes of the children (and tracees) this supervisor collected, by pid."""


def prctl(option: int, value: int) -> bool:
    """Call prctl(2) through ctypes; quietly do nothing where it does not exist."""
    if not IS_LINUX:
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(option, value, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def set_limits(file_limit: int, time_limit: float, memory_limit: int, process_limit: int) -> None:
    """Set the limits every learner process inherits; skip any the platform lacks."""
    try:
        import resource
    except ImportError:
        return
    wanted = {
        "RLIMIT_CORE": 0,
        "RLIMIT_FSIZE": file_limit,
        "RLIMIT_CPU": int(time_limit * 2 + 5),
        "RLIMIT_NOFILE": 1024,
        "RLIMIT_AS": memory_limit or 0,
        "RLIMIT_NPROC": _process_budget(process_limit),
    }
    for name, soft in wanted.items():
        limit = getattr(resource, name, None)
        if limit is None or (not soft and name != "RLIMIT_CORE"):
            continue
        _lower_limit(resource, limit, soft)


def _process_budget(process_limit: int) -> int:
    """RLIMIT_NPROC counts all of the user's processes: allow what they run already, plus the run's.

    Where the user's processes cannot be counted (no /proc), return 0: no limit is set, and the
    wall clock remains the backstop.
    """
    if not IS_LINUX:
        return 0
    uid = os.getuid()
    owned = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError):
                owned += os.stat(f"/proc/{entry}").st_uid == uid
    return owned + process_limit * 4


def lift_file_limit() -> None:
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
        resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))


def _lower_limit(resource: Any, limit: int, soft: int) -> None:
    try:
        _, hard = resource.getrlimit(limit)
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(limit, (soft, hard))
    except (ValueError, OSError):
        pass


def descendants(root: int) -> list[int]:
    """List every live descendant of ``root`` via /proc children files (Linux)."""
    found: list[int] = []
    pending = [root]
    while pending:
        pid = pending.pop()
        for child in _children(pid):
            if child not in found:
                found.append(child)
                pending.append(child)
    return found


def _children(pid: int) -> list[int]:
    children: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return children
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children", "rb") as handle:
                children.extend(int(word) for word in handle.read().split())
        except OSError:
            continue
    return children


def describe(pid: int) -> dict[str, Any]:
    """Name a process for the verdict: its pid, parent and command line."""
    info: dict[str, Any] = {"pid": pid, "ppid": None, "cmdline": ""}
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            info["cmdline"] = handle.read().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        pass
    fields = _stat_fields(pid) or []
    with contextlib.suppress(ValueError, IndexError):
        info["ppid"] = int(fields[1])
    return info


class CpuUse:
    """The CPU time the run's live processes used between two looks, from ``/proc/PID/stat``.

    Each process is remembered by the CPU time it had at the last look, so a process that
    starts counts from zero and one that ended between two looks drops out without a jump.
    """

    TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

    def __init__(self, root: int) -> None:
        self.root = root
        self.seen: dict[int, int] = {}

    def since_last_look(self) -> float | None:
        """Seconds of CPU the run used since the last call; None where /proc does not say."""
        if not IS_LINUX:
            return None
        used, now = 0, {}
        for pid in descendants(self.root):
            ticks = _cpu_ticks(pid)
            if ticks is not None:
                now[pid] = ticks
                used += max(0, ticks - self.seen.get(pid, 0))
        self.seen = now
        return used / self.TICK


def _stat_fields(pid: int) -> list[bytes] | None:
    """The fields of ``/proc/PID/stat`` after the command name (state first), or None."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _cpu_ticks(pid: int) -> int | None:
    """User plus system time of one process, in clock ticks (fields 14 and 15 of its stat)."""
    fields = _stat_fields(pid) or []
    try:
        return int(fields[11]) + int(fields[12])
    except (IndexError, ValueError):
        return None


def _is_zombie(pid: int) -> bool:
    fields = _stat_fields(pid)
    return not fields or fields[0] == b"Z"


def live_descendants(root: int) -> list[int]:
    return [pid for pid in descendants(root) if not _is_zombie(pid)]


STOP_PATIENCE = 200
"""Empty waitpid polls (about a microsecond each) made after a ptrace stop before going back to
sleep: a program that writes in a loop stops again at once, and catching that stop here saves
a round through the signal pipe for each write."""


def reap_all() -> None:
    """Collect every exited child, including re-parented orphans, keeping their exit codes.

    When the run is followed with ptrace, waitpid also reports the tracees' stops (creation,
    exec, exit): the observer notes each and lets the process go on.  The trace channel is
    drained here too, so that no process waits on a full channel while we wait for it.
    """
    if CHANNEL is not None:
        CHANNEL.drain()
    for output in OUTPUTS:
        output.drain()
    flags = os.WNOHANG | (OBSERVER.wait_flags if OBSERVER is not None else 0)
    patience = 0
    while True:
        try:
            pid, status = os.waitpid(-1, flags)
        except ChildProcessError:
            return
        if pid == 0:
            if patience <= 0:
                return
            patience -= 1  # a process just let go often stops again within microseconds
            continue
        if OBSERVER is not None:
            if OBSERVER.stopped(pid, status):
                patience = STOP_PATIENCE
                continue
            OBSERVER.ended(pid, status)
        with contextlib.suppress(ValueError):
            REAPED[pid] = os.waitstatus_to_exitcode(status)


def settle(timeout: float, spared: tuple[int, ...] = ()) -> list[dict[str, Any]]:
    """Give helpers a moment to exit on their own; describe whatever stays alive."""
    deadline = time.monotonic() + timeout
    tick = 0.001
    while True:
        reap_all()
        alive = [p for p in live_descendants(os.getpid()) if p not in spared] if IS_LINUX else []
        if not alive or time.monotonic() > deadline:
            return [describe(pid) for pid in alive]
        time.sleep(tick)
        tick = min(tick * 2, MAX_TICK)


def kill_everything(group: int, spared: tuple[int, ...] = ()) -> int:
    """Kill the process group, then every descendant that escaped it; return how many.

    ``spared`` are the sandbox's own holder and init: killed too, but not counted.
    """
    _signal_group(group, signal.SIGTERM)
    deadline = time.monotonic() + TERM_GRACE
    while time.monotonic() < deadline and _group_alive(group):
        reap_all()
        time.sleep(0.005)
    killed = 0
    for _ in range(50):
        _signal_group(group, signal.SIGKILL)
        escaped = live_descendants(os.getpid()) if IS_LINUX else []
        for pid in escaped:
            kill(pid)
        killed += len([pid for pid in escaped if pid not in spared])
        reap_all()
        if not escaped and not _group_alive(group):
            break
        time.sleep(0.002)
    reap_all()
    return killed


def _signal_group(group: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError, AttributeError):
        os.killpg(group, signum)


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except (ProcessLookupError, PermissionError, AttributeError):
        return False
    return True


def kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, signal.SIGKILL)
