"""Who wrote which bytes to test.log, stdout and stderr, as the kernel saw it.

Loaded by the bare supervisor by path (stdlib only).  The tracer says which process logged
or printed each line; a program can make it say so of a line another process wrote (a child
whose handler writes nowhere, a main that writes the line by hand).  The kernel knows better:

* before its exec, the program's process installs a seccomp filter (``install_filter``) that
  asks the tracer to look at every write-family system call (``write``, ``writev``,
  ``pwrite64``, ``pwritev``, ``pwritev2``, and ``sendfile``, ``splice``, ``copy_file_range``,
  whose bytes cannot be read here) on any descriptor but 1 and 2 (printed output); every
  other system call runs untouched.  Filters are
  inherited by every child and thread and cannot be removed;
* at each such stop the supervisor (the tracer) reads the call from ``/proc/<tid>/syscall``,
  the file its descriptor points to from ``/proc/<tid>/fd``, and, for a watched file only, the
  bytes from the writer's memory (``/proc/<tid>/mem``).  Writes to pipes (multiprocessing's
  own traffic) cost one ``stat``.

Where the architecture is not known here (nor x86-64 nor aarch64), nothing is installed and
the verdict says so; the judge then compares nothing.

Printed output is not stopped for (a graded run is unbuffered: each ``print`` is several
writes): stdout and stderr are stamped sockets instead (``Output``), whose every read carries
its writer's pid, as the trace channel's do.
"""

from __future__ import annotations

import contextlib
import os
import platform
import stat
import struct
from typing import Any

PR_SET_NO_NEW_PRIVS, PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 38, 22, 2
SECCOMP_RET_ALLOW, SECCOMP_RET_TRACE = 0x7FFF0000, 0x7FF00000
LD_W_ABS, JEQ_K, JGE_K, RET_K = 0x20, 0x15, 0x35, 0x06
X32_BIT = 0x40000000
FIRST_ARGUMENT = 16
"""Offset of the low 32 bits of a call's first argument (the descriptor) in ``seccomp_data``
(little-endian, as both known architectures are)."""
EVENT_SECCOMP = 7
TRACE_SECCOMP = 0x80
"""ptrace's PTRACE_O_TRACESECCOMP: report the filter's SECCOMP_RET_TRACE as an event stop."""

# (audit arch, {nr: kind}): "plain" (fd, buf, count), "vector" (fd, iov, iovcnt), "opaque"
ARCHES: dict[str, tuple[int, dict[int, str]]] = {
    "x86_64": (
        0xC000003E,
        {1: "plain", 18: "plain", 20: "vector", 296: "vector", 328: "vector", 40: "opaque", 275: "opaque"}
        | {326: "opaque"},
    ),
    "aarch64": (
        0xC00000B7,
        {64: "plain", 68: "plain", 66: "vector", 70: "vector", 286: "vector", 71: "opaque", 76: "opaque"}
        | {285: "opaque"},
    ),
}
OUTPUT_READ = 256 * 1024
"""Bytes taken from an output socket in one read."""
DRAIN_BUDGET = 1 << 20
"""Bytes one drain of an output socket takes while the program runs."""
IOV_LIMIT = 64
"""Buffers read of one vectored write."""


def calls() -> tuple[int, dict[int, str]] | None:
    """This machine's audit arch and traced calls, or None where the numbers are not known here."""
    return ARCHES.get(platform.machine())


def unavailable() -> str | None:
    """Why writes cannot be attributed here, or None."""
    if os.environ.get("MPKATA_NO_WRITE_WATCH"):
        return "MPKATA_NO_WRITE_WATCH is set"
    if calls() is None:
        return f"the write system calls of {platform.machine() or 'this machine'} are not known here"
    return None


def _filter_program(arch: int, numbers: dict[int, str], untraced: tuple[int, ...]) -> bytes:
    """A classic BPF program: trace the listed calls of ``arch`` (and any x32 call), except on
    the ``untraced`` descriptors; allow everything else.

    Printed output goes through 1 and 2, unbuffered in a graded run (each ``print`` is several
    writes), and every trace record through the channel's descriptor: stopping there would slow
    a chatty program tenfold.  test.log is never on them unless a program moves it there, which
    then shows as lines no process was seen writing.
    """
    listed, skipped = sorted(numbers), sorted(set(untraced))
    count, skips = len(listed), len(skipped)
    # a jump skips that many instructions after its own; the layout, by index: 0-3 arch and
    # number, then one test per call, "allow", the descriptor tests, "trace", "allow"
    code = [(LD_W_ABS, 0, 0, 4), (JEQ_K, 0, count + 2, arch)]
    code += [(LD_W_ABS, 0, 0, 0), (JGE_K, count + 2 + skips, 0, X32_BIT)]
    for position, number in enumerate(listed):
        code.append((JEQ_K, count - position, 0, number))
    code += [(RET_K, 0, 0, SECCOMP_RET_ALLOW), (LD_W_ABS, 0, 0, FIRST_ARGUMENT)]
    for position, descriptor in enumerate(skipped):
        code.append((JEQ_K, skips - position, 0, descriptor))
    code += [(RET_K, 0, 0, SECCOMP_RET_TRACE), (RET_K, 0, 0, SECCOMP_RET_ALLOW)]
    return b"".join(struct.pack("=HBBI", *instruction) for instruction in code)


def untraced(trace_fd: Any) -> tuple[int, ...]:
    """The descriptors whose writes go unseen: stdout, stderr and the trace channel's."""
    return (1, 2) if trace_fd is None else (1, 2, int(trace_fd))


def install_filter(untraced: tuple[int, ...]) -> None:
    """In the program's process, before exec and once traced: send its writes to the tracer,
    but those on the ``untraced`` descriptors (1, 2 and the trace channel's)."""
    known = calls()
    if known is None:
        return
    import ctypes

    program = _filter_program(*known, untraced)
    buffer = ctypes.create_string_buffer(program, len(program))

    class Program(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    fprog = Program(len(program) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "PR_SET_NO_NEW_PRIVS")
    if libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "seccomp filter")


class Writes:
    """The watched files' writes, by process, in the order the kernel let them happen."""

    def __init__(self, protocol: Any, files: dict[str, str]) -> None:
        self.p = protocol
        self.paths = files
        """Label (``test.log``) -> host path; the file may not exist yet."""
        self.known: dict[tuple[int, int], str] = {}
        self.kept: dict[tuple[int, str], bytearray] = {}
        self.opaque: dict[tuple[int, str], int] = {}
        self.numbers = (calls() or (0, {}))[1]

    def _label(self, target: os.stat_result) -> str | None:
        """The watched file ``target`` is, if any; a pipe or socket (multiprocessing's traffic) never is."""
        if not stat.S_ISREG(target.st_mode):
            return None
        key = (target.st_dev, target.st_ino)
        if key not in self.known:
            for label, path in self.paths.items():
                with contextlib.suppress(OSError):
                    seen = os.stat(path)
                    self.known[(seen.st_dev, seen.st_ino)] = label
        return self.known.get(key)

    def stopped(self, tid: int, pid: int) -> None:
        """``tid`` (of process ``pid``) is about to make a traced call: note a write to a watched file."""
        try:
            with open(f"/proc/{tid}/syscall", "rb") as handle:
                fields = handle.read().split()
            number, args = int(fields[0]), [int(field, 16) for field in fields[1:4]]
            kind = self.numbers.get(number)
            if kind is None:
                return
            target = os.stat(f"/proc/{tid}/fd/{args[0]}")
        except (OSError, ValueError, IndexError):
            return
        label = self._label(target)
        if label is None:
            return
        if kind == "opaque":
            self.opaque[(pid, label)] = self.opaque.get((pid, label), 0) + 1
            return
        limit = self.p.WRITES_KEPT
        data = self._read(tid, kind, args[1], args[2], limit)
        kept = self.kept.setdefault((pid, label), bytearray())
        room = limit - len(kept)
        kept += data[: max(room, 0)]

    @staticmethod
    def _read(tid: int, kind: str, address: int, count: int, limit: int) -> bytes:
        try:
            mem = os.open(f"/proc/{tid}/mem", os.O_RDONLY)
        except OSError:
            return b""
        try:
            if kind == "plain":
                return os.pread(mem, min(count, limit), address)
            vector = os.pread(mem, 16 * min(count, IOV_LIMIT), address)
            parts = []
            for offset in range(0, len(vector) - 15, 16):
                base, length = struct.unpack_from("=QQ", vector, offset)
                parts.append(os.pread(mem, min(length, limit), base) if length else b"")
            return b"".join(parts)
        except OSError:
            return b""
        finally:
            os.close(mem)

    def table(self, inner_pid: Any) -> list[dict[str, Any]]:
        """One row per process and file (``WRITE_*`` keys): what it wrote there, and its unreadable writes."""
        p = self.p
        rows = []
        for key in [*self.kept, *(key for key in self.opaque if key not in self.kept)]:
            pid, label = key
            text = bytes(self.kept.get(key, b"")).decode("utf-8", "replace")
            opaque = self.opaque.get(key, 0)
            rows.append(
                {p.WRITE_PID: inner_pid(pid), p.WRITE_FILE: label, p.WRITE_TEXT: text, p.WRITE_OPAQUE: opaque}
            )
        return rows


class Output:
    """One of the program's output streams (stdout, stderr) as a stamped socket, copied to its file.

    The program's descriptor 1 (or 2) is the sending end of a stream socket; the supervisor
    receives each write with its writer's pid, as the trace channel does, appends the bytes to
    the run's file in the order they came, and keeps each writer's text (up to
    ``WRITES_KEPT`` bytes) so that the judge knows who printed what.  No write is stopped for
    it: a process only waits when the socket's buffer is full, until the next drain.
    """

    def __init__(self, protocol: Any, label: str, path: str, stamped: Any) -> None:
        self.p = protocol
        self.label = label
        self.socket = stamped
        """A ``_kernel.StampedSocket``: the program's descriptor 1 (or 2) is its sending end."""
        self.file = open(path, "wb", buffering=0)  # noqa: SIM115 (open for the whole run)
        self.kept: dict[int, bytearray] = {}

    def sender_fd(self) -> int:
        return int(self.socket.sender_fd())

    def receiver_fd(self) -> int:
        return int(self.socket.receiver_fd())

    def started(self) -> None:
        self.socket.started()

    def drain(self, budget: int = DRAIN_BUDGET) -> None:
        """Copy the waiting writes to the file, up to ``budget`` bytes; note their writers.

        Bounded, so that a program that floods its output cannot keep the supervisor here
        and away from its limits; the rest waits for the next drain (or the last, unbounded).
        """
        taken = 0
        while taken < budget and (read := self.socket.receive(OUTPUT_READ)) is not None:
            sender, data = read
            taken += len(data)
            with contextlib.suppress(OSError):
                self.file.write(data)
            kept = self.kept.setdefault(sender, bytearray())
            kept += data[: max(self.p.WRITES_KEPT - len(kept), 0)]

    def table(self, inner_pid: Any) -> list[dict[str, Any]]:
        """One row per writer (``WRITE_*`` keys): what it wrote to this stream."""
        p = self.p
        return [
            {
                p.WRITE_PID: inner_pid(pid),
                p.WRITE_FILE: self.label,
                p.WRITE_TEXT: bytes(data).decode("utf-8", "replace"),
                p.WRITE_OPAQUE: 0,
            }
            for pid, data in self.kept.items()
        ]

    def close(self) -> None:
        self.socket.close()
        with contextlib.suppress(OSError):
            self.file.close()
