"""What the kernel vouches for during a run: every process, and who sent each trace record.

Loaded by the bare supervisor by path (stdlib only, never pytest).  The tracer lives inside
the program it describes, so the program can rewrite anything it writes; a grade must rest
on facts the program cannot write.  Two sources give them, on Linux:

* ``Observer`` follows the program with ptrace: the kernel stops each process as it is
  created (fork, vfork, clone), as it execs and as it exits, and the supervisor notes pid,
  parent, start and end (wall clock, before the first and after the last instruction), exit
  status, CPU time and command lines.  No system call is traced, only those events, so a
  run costs a few stops per process.  The tracees never stay stopped: stop signals are
  swallowed (a graded program has no terminal to be stopped from).
* ``_writes.py`` adds who wrote what to test.log: a seccomp filter sends
  each write-family call to the same ptrace loop (one more kind of stop).
* ``Channel`` is the trace's transport: a Unix socket pair whose receiving end asks for
  ``SO_PASSCRED``, so the kernel attaches the writing process's real pid to every read.
  The supervisor keeps the records in memory and writes them out, each stamped with its
  sender, only once every process of the run is gone, so nothing the program does can alter
  them.

Where ptrace or the socket is missing (macOS, Windows, a kernel that forbids it), each says
why, and the run goes on with the tracer's word alone; the judge then says so.
"""

from __future__ import annotations

import contextlib
import os
import signal
import struct
import sys
import time
from typing import Any

IS_LINUX = sys.platform.startswith("linux")

PTRACE_TRACEME, PTRACE_CONT = 0, 7
PTRACE_SETOPTIONS, PTRACE_GETEVENTMSG, PTRACE_SEIZE = 0x4200, 0x4201, 0x4206
TRACE_FORK, TRACE_VFORK, TRACE_CLONE, TRACE_EXEC, TRACE_EXIT = 0x2, 0x4, 0x8, 0x10, 0x40
TRACE_SECCOMP, EXIT_KILL = 0x80, 0x100000
OPTIONS = TRACE_FORK | TRACE_VFORK | TRACE_CLONE | TRACE_EXEC | TRACE_EXIT | TRACE_SECCOMP | EXIT_KILL
EVENT_FORK, EVENT_VFORK, EVENT_CLONE, EVENT_EXEC, EVENT_EXIT, EVENT_SECCOMP = 1, 2, 3, 4, 6, 7
EVENT_STOP = 128
WALL = 0x40000000
"""waitpid's __WALL: report threads and processes alike, children or tracees."""
STOP_SIGNALS = frozenset(
    getattr(signal, name) for name in ("SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU") if hasattr(signal, name)
)
COMMAND_LIMIT = 400
"""Characters kept of a command line."""
MESSAGE_LIMIT = 256 * 1024
"""Bytes read of one trace message; the tracer's records are far smaller."""
TRACE_LIMIT = 16 * 2**20
"""Bytes of trace records kept per run; later records are counted, not kept."""

_LIBC: list[Any] = []


def _libc() -> Any:
    if not _LIBC:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]
        libc.ptrace.restype = ctypes.c_long
        _LIBC.append(libc)
    return _LIBC[0]


def _ptrace(request: int, pid: int, data: int = 0) -> int:
    import ctypes

    return int(_libc().ptrace(request, pid, None, ctypes.c_void_p(data)))


def _event_message(pid: int) -> int:
    import ctypes

    value = ctypes.c_ulong(0)
    _libc().ptrace(PTRACE_GETEVENTMSG, pid, None, ctypes.byref(value))
    return int(value.value)


def trace_me() -> None:
    """In the program's process, before exec: have the supervisor (our parent) trace us."""
    if _ptrace(PTRACE_TRACEME, 0) != 0:
        raise OSError("ptrace(PTRACE_TRACEME) was refused")


def _status_fields(pid: int) -> dict[bytes, bytes]:
    fields: dict[bytes, bytes] = {}
    with contextlib.suppress(OSError), open(f"/proc/{pid}/status", "rb") as handle:
        for line in handle:
            key, _, value = line.partition(b":")
            fields[key] = value.strip()
    return fields


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU of a process, read while it is stopped at its exit."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def _command_line(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            text = handle.read().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""
    return text[:COMMAND_LIMIT]


def _exit_code(status: int) -> int | None:
    try:
        return os.waitstatus_to_exitcode(status)
    except ValueError:
        return None


class Observer:
    """The run's process table, as ptrace reports it: one fact dict per process, by host pid."""

    wait_flags = WALL
    """What waitpid needs to see the tracees' stops and threads."""

    def __init__(self, protocol: Any) -> None:
        self.p = protocol
        self.facts: dict[int, dict[str, Any]] = {}
        self.process_of: dict[int, int] = {}
        """Thread id -> host pid of the process it belongs to."""
        self.needs_options: set[int] = set()
        self.writes: Any = None
        """``_writes.Writes`` when the program's writes to its files are watched (its seccomp filter)."""

    @staticmethod
    def unavailable() -> str | None:
        """Why processes cannot be followed here, or None."""
        if not IS_LINUX:
            return "this system has no ptrace events"
        if os.environ.get("MPKATA_NO_PTRACE"):
            return "MPKATA_NO_PTRACE is set"
        try:
            _libc()
        except (OSError, AttributeError) as error:
            return f"ptrace cannot be called: {error}"
        return None

    # --- attaching --------------------------------------------------------------------------

    def expect(self, pid: int) -> None:
        """The program asked to be traced (``trace_me``); its first stop is at its exec."""
        self.needs_options.add(pid)
        self._new_process(pid, parent=None)

    def seize(self, pid: int) -> None:
        """Attach to a program held before its exec (the sandbox's): every child follows."""
        if _ptrace(PTRACE_SEIZE, pid, OPTIONS) != 0:
            raise OSError(f"ptrace(PTRACE_SEIZE) of {pid} was refused")
        self._new_process(pid, parent=None)

    def _new_process(self, pid: int, parent: int | None) -> None:
        if pid in self.facts:
            return
        p = self.p
        fields = _status_fields(pid)
        inner = fields.get(b"NSpid", b"").split()
        self.process_of[pid] = pid
        self.facts[pid] = {
            p.FACT_PID: int(inner[-1]) if inner else pid,
            p.FACT_HOST_PID: pid,
            p.FACT_PARENT: parent,
            p.FACT_STARTED: time.time(),
            p.FACT_ENDED: None,
            p.FACT_EXIT: None,
            p.FACT_CPU: None,
            p.FACT_EXECS: [],
            p.FACT_THREADS: 0,
        }

    def _adopt(self, tid: int, forker: int | None = None) -> None:
        """First sight of ``tid``: a new process, or a new thread of a known one."""
        if tid in self.process_of:
            return
        fields = _status_fields(tid)
        with contextlib.suppress(ValueError):
            group = int(fields.get(b"Tgid", b"0"))
            if group and group != tid:
                self.process_of[tid] = group
                if group in self.facts:
                    self.facts[group][self.p.FACT_THREADS] += 1
                return
        parent = self.process_of.get(forker) if forker is not None else None
        if parent is None:
            with contextlib.suppress(ValueError):
                parent = int(fields.get(b"PPid", b"0")) or None
        self._new_process(tid, parent)

    # --- what waitpid reports ---------------------------------------------------------------

    def stopped(self, tid: int, status: int) -> bool:
        """Handle a ptrace stop of ``tid`` and let it go on; False if ``status`` is no stop."""
        if not os.WIFSTOPPED(status):
            return False
        signum, event = os.WSTOPSIG(status), status >> 16
        self._adopt(tid)
        deliver = 0
        if tid in self.needs_options and signum == signal.SIGTRAP:
            self.needs_options.discard(tid)
            _ptrace(PTRACE_SETOPTIONS, tid, OPTIONS)
            self._exec(tid)  # the stop right after its exec
        elif event in (EVENT_FORK, EVENT_VFORK, EVENT_CLONE):
            self._adopt(_event_message(tid), forker=tid)
        elif event == EVENT_EXEC:
            self._exec(tid)
        elif event == EVENT_EXIT:
            self._exiting(tid)
        elif event == EVENT_SECCOMP and self.writes is not None:
            self.writes.stopped(tid, self.process_of.get(tid, tid))
        elif event == 0 and signum not in STOP_SIGNALS:
            deliver = signum
        _ptrace(PTRACE_CONT, tid, deliver)
        return True

    def _exec(self, pid: int) -> None:
        self.process_of[pid] = pid
        fact = self.facts.get(pid)
        if fact is not None:
            fact[self.p.FACT_EXECS].append(_command_line(pid))

    def _exiting(self, tid: int) -> None:
        fact = self.facts.get(tid)
        if fact is None:
            return
        fact[self.p.FACT_EXIT] = _exit_code(_event_message(tid))
        fact[self.p.FACT_CPU] = _cpu_seconds(tid)

    def ended(self, tid: int, status: int) -> None:
        """``tid`` is gone (waitpid reported its exit or death)."""
        fact = self.facts.get(tid)
        self.process_of.pop(tid, None)
        if fact is None or fact[self.p.FACT_ENDED] is not None:
            return
        fact[self.p.FACT_ENDED] = time.time()
        if fact[self.p.FACT_EXIT] is None:
            fact[self.p.FACT_EXIT] = _exit_code(status)

    def inner_pid(self, host: int) -> int:
        fact = self.facts.get(self.process_of.get(host, host))
        return int(fact[self.p.FACT_PID]) if fact is not None else host

    def table(self) -> list[dict[str, Any]]:
        """Every process, in the order the kernel reported them, with pids as the program saw them."""
        rows = []
        for fact in self.facts.values():
            row = dict(fact)
            parent = fact[self.p.FACT_PARENT]
            row[self.p.FACT_PARENT] = self.inner_pid(parent) if parent in self.facts else None
            rows.append(row)
        return rows


class StampedSocket:
    """A stream socket pair whose every read carries its writer's pid, as the kernel reports it.

    With ``SO_PASSCRED`` the kernel never joins bytes of two writers in one read, so each read
    is one process's.  The program inherits the sending end; the supervisor reads the other.
    """

    def __init__(self, send_buffer: int = 0) -> None:
        import socket

        self._socket = socket
        self.receiver, self.sender = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        self.receiver.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
        if send_buffer:
            with contextlib.suppress(OSError):
                self.sender.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, send_buffer)
        self.receiver.setblocking(False)
        self.sender.set_inheritable(True)
        self._credentials = socket.CMSG_SPACE(struct.calcsize("3i"))

    def sender_fd(self) -> int:
        return self.sender.fileno()

    def receiver_fd(self) -> int:
        return self.receiver.fileno()

    def started(self) -> None:
        """The program holds its end now; ours would only keep the socket open."""
        self.sender.close()

    def receive(self, limit: int) -> tuple[int, bytes] | None:
        """The next read waiting (its writer's pid, its bytes), or None when nothing waits."""
        socket = self._socket
        try:
            data, ancillary, _, _ = self.receiver.recvmsg(limit, self._credentials)
        except OSError:  # BlockingIOError (nothing waits) included
            return None
        if not data:
            return None
        sender = -1
        for level, kind, payload in ancillary:
            if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS:
                sender = struct.unpack("3i", payload[: struct.calcsize("3i")])[0]
        return sender, data

    def close(self) -> None:
        for end in (self.receiver, self.sender):
            with contextlib.suppress(OSError):
                end.close()


class Channel:
    """The trace's transport: a stream socket whose every read carries its writer's pid from the kernel.

    A stream, not datagrams: a datagram queue holds ``net.unix.max_dgram_qlen`` messages (10 on
    most systems) before senders block, a stream holds the sender's whole buffer.  With
    ``SO_PASSCRED`` the kernel never joins bytes of two writers in one read, so each read is one
    process's; its records are split on their line ends, per writer.
    """

    def __init__(self, fatal_marker: bytes) -> None:
        self.socket = StampedSocket(send_buffer=4 * 2**20)
        self.fatal_marker = fatal_marker
        self.messages: list[tuple[int, bytes]] = []
        self.partial: dict[int, bytes] = {}
        self.size = 0
        self.junk = 0
        self.dropped = 0
        self.fatal = False

    @staticmethod
    def unavailable() -> str | None:
        if not IS_LINUX:
            return "this system cannot stamp a message with its sender"
        return None

    def sender_fd(self) -> int:
        return self.socket.sender_fd()

    def started(self) -> None:
        self.socket.started()

    def drain(self) -> None:
        """Take every waiting record, with the pid the kernel stamped on it."""
        while (read := self.socket.receive(MESSAGE_LIMIT)) is not None:
            self._split(*read)

    def _split(self, sender: int, data: bytes) -> None:
        lines = (self.partial.pop(sender, b"") + data).split(b"\n")
        if len(lines[-1]) > MESSAGE_LIMIT:
            self.junk += 1  # no record is that long
        elif lines[-1]:
            self.partial[sender] = lines[-1]
        for line in lines[:-1]:
            self._keep(sender, line + b"\n")

    def _keep(self, sender: int, data: bytes) -> None:
        if not (data.startswith(b"{") and data.endswith(b"}\n")) or len(data) < 4:
            self.junk += 1
            return
        if self.size + len(data) > TRACE_LIMIT:
            self.dropped += 1
            return
        self.size += len(data)
        self.messages.append((sender, data))
        if self.fatal_marker in data:
            self.fatal = True

    def write(self, path: str, sender_field: str, inner_pid: Any) -> None:
        """Write the records, each closed with its sender: the last key wins, so none can claim it.

        Bytes a writer left without a line end are a record cut short by its death: left out.
        """
        stamp = ("," + '"' + sender_field + '":%d}\n').encode()
        with open(path, "wb") as handle:
            if inner_pid is None:  # no way to name the senders as the program saw them
                handle.writelines(data for _, data in self.messages)
                return
            handle.writelines(data[:-2] + stamp % inner_pid(sender) for sender, data in self.messages)

    def close(self) -> None:
        self.socket.close()
