"""What the system saw of a run, beside what the program recorded about itself.

The trace is written from inside the judged program, so it proves nothing on its own.  The
supervisor adds what the kernel reports (``run/_kernel.py``): every process with its parent,
lifetime, exit status, CPU time and command lines, and for every record the pid that really
sent it.  ``Evidence`` holds those facts; ``judge/crosscheck.py`` holds the trace to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pytest_mpkata.run import protocol

__all__ = [
    "Evidence",
    "Forgery",
    "KernelProcess",
    "KernelWrite",
    "Tampering",
    "kernel_processes",
    "kernel_writes",
]

FOLLOWED = "ptrace"
STAMPED = "stamped"
WATCHED = "syscalls"


@dataclass(frozen=True)
class KernelProcess:
    """One process as the kernel reported it; pids as the program itself saw them."""

    pid: int
    parent: int | None
    started: float
    ended: float | None
    exit_code: int | None
    cpu: float | None
    execs: tuple[str, ...] = ()
    threads: int = 0

    def lived_at(self, moment: float, slack: float) -> bool:
        ended = self.ended if self.ended is not None else float("inf")
        return self.started - slack <= moment <= ended + slack

    @property
    def spawned(self) -> bool:
        """It is an interpreter multiprocessing's spawn started (``spawn_main``)."""
        return any("multiprocessing.spawn" in command for command in self.execs)

    @property
    def fork_server(self) -> bool:
        return any("multiprocessing.forkserver" in command for command in self.execs)


@dataclass(frozen=True)
class KernelWrite:
    """What one process wrote to test.log, stdout or stderr, as the kernel let it: its bytes in
    order, and how many writes could not be read (``sendfile``...)."""

    pid: int
    file: str
    text: str
    opaque: int = 0

    @property
    def lines(self) -> frozenset[str]:
        """The lines it wrote, split as the judge splits that file: test.log as text lines (as
        ``log_lines`` are), printed output on ``\\n`` only (as the tracer records it)."""
        if self.file == protocol.LOG_FILE_NAME:
            return frozenset(self.text.splitlines())
        return frozenset(self.text.split("\n"))


@dataclass(frozen=True)
class Forgery:
    """A record whose sender, as the kernel stamped it, is not the process it names."""

    kind: str
    claimed: Any
    sender: int


@dataclass(frozen=True)
class Tampering:
    """A move only a forgery needs, as the tracer's audit hook noted it."""

    pid: int
    event: str
    detail: str
    line: str


@dataclass(frozen=True)
class Evidence:
    """The facts about a run that do not come from the program itself."""

    observer: str = "off: not observed"
    channel: str = "file: not stamped"
    processes: tuple[KernelProcess, ...] = ()
    forgeries: tuple[Forgery, ...] = ()
    tampering: tuple[Tampering, ...] = ()
    junk: int = 0
    spans: tuple[tuple[int, float, float], ...] = ()
    """(sender pid, first, last record time): when each process said it did things."""
    writes_watched: str = "off: not watched"
    output: str = "file: not stamped"
    """``stamped`` when every write to stdout and stderr reached the supervisor with its writer."""
    writes: tuple[KernelWrite, ...] = ()
    """What each process wrote to test.log (when ``writes_watched``), stdout and stderr (when
    ``output`` is stamped)."""

    @property
    def watched(self) -> bool:
        """The kernel reported every write to test.log."""
        return self.writes_watched == WATCHED

    @property
    def output_stamped(self) -> bool:
        return self.output == STAMPED

    def writers_of(self, file: str, line: str, cut: bool = False) -> frozenset[int]:
        """The processes the kernel saw write ``line`` (a whole line; its start when ``cut``) to ``file``."""
        return frozenset(
            write.pid
            for write in self.writes
            if write.file == file
            and (line in write.lines or (cut and any(w.startswith(line) for w in write.lines)))
        )

    def kept_all_of(self, file: str) -> bool:
        """Every byte written to ``file`` was kept and read (nothing past the bound, nothing opaque)."""
        mine = [write for write in self.writes if write.file == file]
        return all(len(write.text) < protocol.WRITES_KEPT and not write.opaque for write in mine)

    @property
    def followed(self) -> bool:
        """The kernel reported every process of the run."""
        return self.observer == FOLLOWED

    @property
    def stamped(self) -> bool:
        """Every record carries the pid the kernel says sent it."""
        return self.channel == STAMPED

    def process(self, pid: int | None) -> KernelProcess | None:
        for process in self.processes:
            if process.pid == pid:
                return process
        return None


def kernel_processes(rows: tuple[dict[str, Any], ...]) -> tuple[KernelProcess, ...]:
    """The verdict's process table as typed facts; a malformed row is left out."""
    found = []
    for row in rows:
        try:
            found.append(
                KernelProcess(
                    pid=int(row[protocol.FACT_PID]),
                    parent=_optional_int(row.get(protocol.FACT_PARENT)),
                    started=float(row[protocol.FACT_STARTED]),
                    ended=_optional_float(row.get(protocol.FACT_ENDED)),
                    exit_code=_optional_int(row.get(protocol.FACT_EXIT)),
                    cpu=_optional_float(row.get(protocol.FACT_CPU)),
                    execs=tuple(str(command) for command in row.get(protocol.FACT_EXECS) or ()),
                    threads=int(row.get(protocol.FACT_THREADS) or 0),
                )
            )
        except (KeyError, TypeError, ValueError):
            continue
    return tuple(found)


def kernel_writes(rows: tuple[dict[str, Any], ...]) -> tuple[KernelWrite, ...]:
    """The verdict's writes as typed facts; a malformed row is left out."""
    found = []
    for row in rows:
        try:
            pid, file, text = (
                int(row[protocol.WRITE_PID]),
                str(row[protocol.WRITE_FILE]),
                str(row[protocol.WRITE_TEXT]),
            )
            found.append(KernelWrite(pid, file, text, int(row.get(protocol.WRITE_OPAQUE) or 0)))
        except (KeyError, TypeError, ValueError):
            continue
    return tuple(found)


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


def _optional_float(value: Any) -> float | None:
    return None if value is None else float(value)
