"""Start the supervisor that runs a learner's program: a long-lived server per thread, or one per run.

The runner (``runner.py``) hands a request file to a supervisor and waits for its ``done``;
this module owns how that supervisor process is started, reused and stopped.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import ClassVar

__all__ = ["SUPERVISOR", "SupervisorServer", "supervise_alone"]

SUPERVISOR = Path(__file__).resolve().parent / "_supervisor.py"


def supervise_alone(spec_path: Path, timeout: float) -> bytes:
    """One supervisor process for one run (platforms without fork or pollable pipes)."""
    supervisor = subprocess.Popen(
        [sys.executable, *_supervisor_flags(), str(SUPERVISOR), str(spec_path)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _, errors = supervisor.communicate(timeout=timeout)
    except BaseException:
        _stop_supervisor(supervisor)
        raise
    return errors


class SupervisorServer:
    """A long-lived supervisor for one thread's runs: it forks a fresh supervisor per run.

    Starting an interpreter per run cost more than most learner programs take; a fork of a
    small single-threaded server costs about a millisecond.  The server answers one request
    at a time, so each thread that runs programs (the run-ahead pool's too) has its own.
    """

    _by_thread: ClassVar[dict[int, SupervisorServer]] = {}
    _lock = threading.Lock()

    @staticmethod
    def usable() -> bool:
        return os.name == "posix"

    @classmethod
    def get(cls) -> SupervisorServer:
        """This thread's server, started on first use (and again if it died)."""
        thread = threading.get_ident()
        with cls._lock:
            server = cls._by_thread.get(thread)
            if server is None or not server.alive():
                server = cls._by_thread[thread] = cls()
            return server

    @classmethod
    def running(cls) -> list[SupervisorServer]:
        """Every server of this process, whichever thread uses it."""
        with cls._lock:
            return [server for server in cls._by_thread.values() if server.owner == os.getpid()]

    @classmethod
    def stop_all(cls) -> None:
        """Stop every server and the run each is supervising (Ctrl-C, the end of a session)."""
        for server in cls.running():
            server.stop()

    def __init__(self) -> None:
        self.owner = os.getpid()
        self.thread = threading.get_ident()
        self.process = subprocess.Popen(
            [sys.executable, *_supervisor_flags(), str(SUPERVISOR), "--serve", str(os.getpid())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )

    def alive(self) -> bool:
        return self.owner == os.getpid() and self.process.poll() is None

    def run(self, spec_path: Path, timeout: float) -> None:
        """Send one request and wait for ``done``; stop the server if anything interrupts the wait.

        The wait is a ``select`` on the server's stdout, so Ctrl-C (``KeyboardInterrupt`` in this
        thread) ends it at once; ``stop`` then has the run killed before this returns.
        """
        import select

        assert self.process.stdin is not None and self.process.stdout is not None
        try:
            self.process.stdin.write(f"{spec_path}\n".encode())
            self.process.stdin.flush()
            ready, _, _ = select.select([self.process.stdout], [], [], timeout)
            if not ready or not self.process.stdout.readline():
                self.stop()
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """End the server: its run is killed (TERM, grace, KILL, sweep), then the server exits.

        Closing its stdin first matters: an interrupted server leaves its request loop only when
        the next read returns, and waiting for that read was what made Ctrl-C wait for the run.
        """
        with contextlib.suppress(OSError, ValueError):
            if self.process.stdin is not None:
                self.process.stdin.close()
        _stop_supervisor(self.process)
        with SupervisorServer._lock:
            if SupervisorServer._by_thread.get(self.thread) is self:
                del SupervisorServer._by_thread[self.thread]


def _supervisor_flags() -> list[str]:
    """Start the supervisor bare (-I -S: no site, no user paths), unless coverage measures us."""
    measured = "COVERAGE_PROCESS_START" in os.environ or "COVERAGE_PROCESS_CONFIG" in os.environ
    return [] if measured else ["-I", "-S"]


def _stop_supervisor(supervisor: subprocess.Popen[bytes]) -> None:
    try:
        supervisor.send_signal(signal.SIGTERM)
        supervisor.wait(timeout=5)
    except (subprocess.TimeoutExpired, OSError):
        supervisor.kill()
        supervisor.wait()
