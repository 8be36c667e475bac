"""Confine one run of an untrusted program: Landlock, and Linux namespaces where they are allowed.

Loaded by the bare supervisor by path (stdlib only, never pytest) and by the runner as
``pytest_mpkata.run._sandbox`` for the capability probe.  This module probes what the machine
offers, chooses the layers for a run, and is the supervisor's handle on a namespaced program;
it loads the layers, beside it, by path.  Two layers:

* Landlock (Linux 5.13+, unprivileged, works in containers; ``_landlock.py``): the program may
  read only the paths the runner lists (the Python installation, the plugin, a few system
  files), write only its run folder and private temp folder, open no TCP connection (ABI 4+),
  and signal no process outside its own tree (ABI 6+).  Applied in the program's process just
  before ``exec``, so every process it starts inherits it.
* Namespaces (user, PID, network, mount, IPC; ``_namespaces.py``), where unprivileged user
  namespaces work: no network at all, a tree that dies with its init, and a minimal world
  (``_world.py``): a fresh mount tree with the Python installation read-only, the run folder,
  size-capped private temporary folders, a minimal ``/dev`` and its own ``/proc``.  The program
  runs as uid 1000 of its namespace, mapped to the grader's uid, or to ``nobody`` when the
  grader is root.  The supervisor forks a holder (outside the PID namespace), which forks the
  namespace's init; the init forks the program.  The init stays up until the supervisor ends
  the run, so processes left behind are still seen and reported as they are without a sandbox.

Both layers give the program a session keyring of its own, so no key of the grader's session
is in reach.

``MPKATA_SANDBOX_UNAVAILABLE=landlock,namespaces`` makes the probe report those layers
missing, to try the fallbacks on a machine that has them.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import sys
import time
from typing import Any

UNAVAILABLE_ENV = "MPKATA_SANDBOX_UNAVAILABLE"
WRITE_FILTER: Any = None
"""Set by the supervisor when it loads this module: installs ``_writes.py``'s filter in the
program's process, just before its exec (a sandboxed program is started here, not by Popen)."""


def _load(file_name: str, name: str) -> Any:
    """A file beside this one, run as a module of its own: the supervisor is bare, no package."""
    if name not in sys.modules:
        import types

        module = types.ModuleType(name)
        module.__file__ = os.path.join(os.path.dirname(os.path.abspath(__file__)), file_name)
        sys.modules[name] = module
        with open(module.__file__, "rb") as source:
            exec(compile(source.read(), module.__file__, "exec"), module.__dict__)
    return sys.modules[name]


_world = _load("_world.py", "_mpkata_world")
_landlock = _load("_landlock.py", "_mpkata_landlock")
_namespaces = _load("_namespaces.py", "_mpkata_namespaces")
_namespaces.bind(_landlock, _world)


def _unavailable() -> set[str]:
    return {word.strip() for word in os.environ.get(UNAVAILABLE_ENV, "").split(",")}


def landlock_abi() -> int:
    """The kernel's Landlock ABI version, 0 where Landlock cannot be used."""
    return 0 if "landlock" in _unavailable() else int(_landlock.kernel_abi())


def namespaces_usable() -> bool:
    """Whether this process may create user, PID, network and mount namespaces (forks to try)."""
    if not sys.platform.startswith("linux") or "namespaces" in _unavailable():
        return False
    child = os.fork()
    if child == 0:
        code = 1
        with contextlib.suppress(BaseException):
            _namespaces.enter_namespaces()
            code = 0
        os._exit(code)
    _, status = os.waitpid(child, 0)
    return os.waitstatus_to_exitcode(status) == 0


def probe_namespaces_in_subprocess() -> bool:
    """Try namespaces in a fresh bare interpreter (forking a threaded pytest is unsafe)."""
    command = [sys.executable, "-I", "-S", __file__, "--probe-namespaces"]
    try:
        return subprocess.run(command, capture_output=True, timeout=10, check=False).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def missing(abi: int, namespaces: bool) -> str | None:
    """What the platform lacks for a full sandbox, in words, or None if nothing."""
    if abi < 1:
        return "Landlock (Linux 5.13+ with Landlock enabled) to confine files"
    if abi < 4 and not namespaces:
        return "Landlock ABI 4 (Linux 6.7+) or user namespaces to cut the network"
    if abi < 6 and not namespaces:
        return "Landlock ABI 6 (Linux 6.12+) or user namespaces to keep signals in the run's tree"
    return None


def start_program(request: dict[str, Any], popen: Any, observer: Any = None) -> Any:
    """Start the request's program in the sandbox; return a handle shaped like ``Popen``.

    ``popen(request, preexec_fn)`` is the supervisor's own way to start the program, so both
    paths start it alike; the sandbox adds only its confinement.  ``observer`` (the
    supervisor's ``kernel.Observer``, or None) is attached to the program before it execs.
    """
    spec = request["sandbox"]
    if spec.get("namespaces"):
        try:
            if "namespaces" in _unavailable():
                raise OSError(f"{UNAVAILABLE_ENV} names them")
            return NamespacedProgram(request, observer)
        except (OSError, TimeoutError, ValueError) as error:
            if os.geteuid() == 0:
                _world.hand_over(request, 0, 0)  # back to root: the program will run as the grader
            if spec["namespaces"] == "required":
                raise
            return _landlocked_program(request, spec, popen, f"landlock (no namespaces: {error})")
    return _landlocked_program(request, spec, popen)


def _landlocked_program(
    request: dict[str, Any], spec: dict[str, Any], popen: Any, name: str = "landlock"
) -> Any:
    process = popen(request, lambda: _landlock.confine(spec))
    process.sandbox = name
    return process


class NamespacedProgram:
    """The program started as pid 2 of its own namespaces; ``pid`` is its pid as we see it."""

    sandbox = "landlock+namespaces"

    def __init__(self, request: dict[str, Any], observer: Any = None) -> None:
        self.returncode: int | None = None
        if os.geteuid() == 0:
            _world.hand_over(request, *_world.sandbox_ids(0, 0))
        status_read, status_write = os.pipe()
        go_read, go_write = os.pipe()
        supervisor = os.getpid()
        holder = os.fork()
        if holder == 0:
            os.close(status_read)
            os.close(go_write)
            _namespaces.hold(request, supervisor, status_write, go_read, WRITE_FILTER)
        os.close(status_write)
        os.close(go_read)
        self._status = os.fdopen(status_read, "rb", buffering=0)
        self._buffer = b""
        self._heard: dict[str, str] = {}
        try:
            self.init = int(self._hear(_namespaces.INIT, 10.0))
            self._hear(_namespaces.STARTED, 10.0)
            self.pid = _only_child(self.init)
            self.inner_pid = inner_pid(self.pid)  # read while it waits: it may be gone by the end
            self.helpers = (holder, self.init)
            if observer is not None:
                observer.seize(self.pid)
        except BaseException:
            with contextlib.suppress(OSError):
                os.kill(holder, signal.SIGKILL)
                os.waitpid(holder, 0)
            raise
        finally:
            with contextlib.suppress(OSError):
                os.write(go_write, b"g")
            os.close(go_write)

    def _hear(self, word: str, timeout: float) -> str:
        """Wait for the holder's or the init's ``word <value>`` line (they write in any order)."""
        deadline = time.monotonic() + timeout
        while word not in self._heard:
            if b"\n" in self._buffer:
                line, self._buffer = self._buffer.split(b"\n", 1)
                key, _, value = line.decode(errors="replace").partition(" ")
                if key == _namespaces.FAILED:
                    raise OSError(value)
                self._heard[key] = value
                continue
            left = max(deadline - time.monotonic(), 0.0)
            if not select.select([self._status], [], [], left)[0]:
                raise TimeoutError(f"the sandbox did not answer ({word})")
            chunk = self._status.read(4096)
            if not chunk:
                raise OSError(f"the sandbox ended before it answered ({word})")
            self._buffer += chunk
        return self._heard[word]

    def poll(self) -> int | None:
        if self.returncode is None:
            with contextlib.suppress(TimeoutError, OSError, ValueError):
                self.returncode = int(self._hear(_namespaces.EXIT, 0.0))
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            try:
                self.returncode = int(self._hear(_namespaces.EXIT, timeout or 0.0))
            except (TimeoutError, OSError, ValueError):
                raise subprocess.TimeoutExpired("sandboxed program", timeout or 0.0) from None
        return self.returncode


def _only_child(pid: int, timeout: float = 5.0) -> int:
    """The init's one child (the program, held before exec until we know its pid)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError, ValueError):
            with open(f"/proc/{pid}/task/{pid}/children", "rb") as handle:
                children = handle.read().split()
            if children:
                return int(children[0])
        time.sleep(0.0005)
    raise TimeoutError("the sandbox's program did not start")


def inner_pid(pid: int) -> int:
    """The innermost pid of a process we see as ``pid`` (the last field of its NSpid line)."""
    try:
        with open(f"/proc/{pid}/status", "rb") as handle:
            for line in handle:
                if line.startswith(b"NSpid:"):
                    return int(line.split()[-1])
    except (OSError, ValueError, IndexError):
        pass
    return pid


def describe_leftover(info: dict[str, Any]) -> dict[str, Any]:
    """A leftover process with the pids its tracer used (the namespace's numbering)."""
    changed = dict(info)
    for key in ("pid", "ppid"):
        if isinstance(info.get(key), int):
            changed[key] = inner_pid(info[key])
    return changed


if __name__ == "__main__" and sys.argv[1:] == ["--probe-namespaces"]:
    sys.exit(0 if namespaces_usable() else 1)
