"""Supervise one run of a learner's program, then leave nothing of it behind.

Started by ``runner.py`` as its own small process (``python _supervisor.py
REQUEST.json``), so that nothing the learner's code does (crash, ``os._exit``,
``waitpid(-1)``, orphans holding pipes) can reach pytest.  It:

1. becomes a child subreaper (Linux) so that orphans and double-forked
   processes are re-parented to it instead of escaping, and dies with pytest;
2. sets resource limits that every learner process inherits;
3. starts ``python <script>`` in a new session, in the run's working directory;
4. watches the wall clock, the process count, output sizes and the trace for the
   first classic fatal error, and stops the run when one is crossed;
5. kills the whole process group (SIGTERM, a short grace, SIGKILL), sweeps and
   reaps every re-parented descendant, and writes a small JSON verdict.

Stdlib only; never imports pytest or the rest of the package: the one file it shares with
the package, the trace record schema (``run/records.py``), it loads by path.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any


def _load_records() -> ModuleType:
    """Load the trace record schema by path: this process runs bare, without the package."""
    path = Path(__file__).resolve().parent / "records.py"
    spec = importlib.util.spec_from_file_location("_mpkata_records", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


records = _load_records()

IS_LINUX = sys.platform.startswith("linux")
PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36
FATAL_MARKER: bytes = records.FATAL_MARKER
TERM_GRACE = 0.2
MAX_TICK = 0.02

_interrupted = False
_current_run = 0


def _prctl(option: int, value: int) -> bool:
    """Call prctl(2) through ctypes; quietly do nothing where it does not exist."""
    if not IS_LINUX:
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(option, value, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _on_term(signum: int, frame: Any) -> None:
    """Stop: the run in progress cleans up (a server passes the signal on to its run)."""
    global _interrupted
    _interrupted = True
    if _current_run:
        with contextlib.suppress(ProcessLookupError):
            os.kill(_current_run, signal.SIGTERM)


def _set_limits(request: dict[str, Any]) -> None:
    """Set the limits every learner process inherits; skip any the platform lacks."""
    try:
        import resource
    except ImportError:
        return
    wanted = {
        "RLIMIT_CORE": 0,
        "RLIMIT_FSIZE": request["file_limit"],
        "RLIMIT_CPU": int(request["time_limit"] * 2 + 5),
        "RLIMIT_NOFILE": 1024,
        "RLIMIT_AS": request.get("memory_limit") or 0,
        "RLIMIT_NPROC": _process_budget(request["process_limit"]),
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
        with open(f"/proc/{pid}/stat", "rb") as handle:
            info["ppid"] = int(handle.read().rsplit(b")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return info


def _is_zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] == b"Z"
    except (OSError, IndexError):
        return True


def live_descendants(root: int) -> list[int]:
    return [pid for pid in descendants(root) if not _is_zombie(pid)]


REAPED: dict[int, int] = {}
"""Exit codes of the children this supervisor collected, by pid."""


def reap_all() -> None:
    """Collect every exited child, including re-parented orphans, keeping their exit codes."""
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        REAPED[pid] = os.waitstatus_to_exitcode(status)


def exit_code_of(main: subprocess.Popen[bytes]) -> int | None:
    """The main process's exit code, whoever collected it."""
    if main.pid in REAPED:
        return REAPED[main.pid]
    try:
        return main.wait(timeout=1)
    except subprocess.TimeoutExpired:
        return None


class Watch:
    """Follow the trace file and output files while the program runs."""

    def __init__(self, request: dict[str, Any], uncounted: int = 0) -> None:
        self.request = request
        self.trace_offset = 0
        self.peak_processes = 0
        self.uncounted = uncounted

    def fatal_error(self) -> bool:
        try:
            with open(self.request["trace_path"], "rb") as handle:
                handle.seek(self.trace_offset)
                chunk = handle.read()
        except OSError:
            return False
        complete = chunk.rfind(records.RECORD_END) + len(records.RECORD_END)
        self.trace_offset += complete
        return FATAL_MARKER in chunk[:complete]

    def output_too_large(self) -> bool:
        total = 0
        for key in ("stdout_path", "stderr_path"):
            with contextlib.suppress(OSError):
                total += os.path.getsize(self.request[key])
        return bool(total > self.request["output_limit"])

    def too_many_processes(self) -> bool:
        if not IS_LINUX:
            return False
        count = len(descendants(os.getpid())) - self.uncounted
        self.peak_processes = max(self.peak_processes, count)
        return bool(count > self.request["process_limit"])

    def reason_to_stop(self, deadline: float) -> str | None:
        if _interrupted:
            return "interrupted"
        if time.monotonic() > deadline:
            return "timeout"
        if self.too_many_processes():
            return "process_limit"
        if self.output_too_large():
            return "output_limit"
        if self.fatal_error():
            return "fatal_error"
        return None


def watch_until_done(main: subprocess.Popen[bytes], watch: Watch, time_limit: float) -> str:
    """Wait for the main process; return why the run ended."""
    deadline = time.monotonic() + time_limit
    tick = 0.001
    exited = _exit_signal(main.pid)
    while main.pid not in REAPED and main.poll() is None:
        reap_all()
        reason = watch.reason_to_stop(deadline)
        if reason is not None:
            return reason
        exited(tick)
        tick = min(tick * 1.5, MAX_TICK)
    return "exited"


def _exit_signal(pid: int) -> Any:
    """A wait that returns as soon as ``pid`` exits (a pidfd on Linux), else after ``tick``."""
    try:
        import select

        pidfd = os.pidfd_open(pid)
    except (AttributeError, OSError, ImportError):
        return time.sleep

    def wait(tick: float) -> None:
        select.select([pidfd], [], [], tick)

    return wait


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
            _kill(pid)
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


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.kill(pid, signal.SIGKILL)


def start_program(request: dict[str, Any]) -> subprocess.Popen[bytes]:
    """Start ``python <script>`` in its own session (its own process group on Windows)."""
    if request.get("sandbox"):
        return _sandbox().start_program(request, popen_program)  # type: ignore[no-any-return]
    return popen_program(request)


def popen_program(request: dict[str, Any], preexec_fn: Any = None) -> subprocess.Popen[bytes]:
    """``python <script>`` in the run folder, output to the run's files, ``preexec_fn`` before exec."""
    flags = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0) if os.name == "nt" else 0
    with open(request["stdout_path"], "wb") as out, open(request["stderr_path"], "wb") as err:
        return subprocess.Popen(
            [request["python"], request["script_name"]],
            cwd=request["workdir"],
            env=request["env"],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=os.name != "nt",
            creationflags=flags,
            preexec_fn=preexec_fn,
        )


def supervise_without_process_groups(request: dict[str, Any]) -> dict[str, Any]:
    """Windows: no sessions, signals or /proc; wait with a limit, then end the tree with taskkill."""
    started = time.monotonic()
    main = start_program(request)
    reason = "exited"
    try:
        main.wait(timeout=request["time_limit"])
    except subprocess.TimeoutExpired:
        reason = "timeout"
    ended = time.monotonic()
    subprocess.run(["taskkill", "/T", "/F", "/PID", str(main.pid)], capture_output=True, check=False)
    return {
        "reason": reason,
        "exit_code": main.wait(),
        "main_pid": main.pid,
        "duration": ended - started,
        "leftovers": [],
        "killed": 0,
        "peak_processes": 0,
        "subreaper": False,
    }


def supervise(request: dict[str, Any]) -> dict[str, Any]:
    """Run the program once under watch and return the verdict."""
    if os.name == "nt":
        return supervise_without_process_groups(request)
    subreaper = _prctl(PR_SET_CHILD_SUBREAPER, 1)
    _set_limits(request)
    started = time.monotonic()
    try:
        main = start_program(request)
    except (OSError, subprocess.SubprocessError) as error:
        return _could_not_start(error)
    spared: tuple[int, ...] = getattr(main, "helpers", ())
    watch = Watch(request, uncounted=len(spared))
    reason = watch_until_done(main, watch, request["time_limit"])
    ended = time.monotonic()
    leftovers = settle(request["settle"], spared) if reason == "exited" else []
    if spared:
        leftovers = [_sandbox().describe_leftover(left) for left in leftovers]
    killed = kill_everything(main.pid, spared)
    return {
        "reason": reason,
        "exit_code": exit_code_of(main),
        "main_pid": getattr(main, "inner_pid", main.pid),
        "duration": ended - started,
        "leftovers": leftovers,
        "killed": killed,
        "peak_processes": watch.peak_processes,
        "subreaper": subreaper,
        "sandbox": getattr(main, "sandbox", "off"),
    }


def _could_not_start(error: BaseException) -> dict[str, Any]:
    """The program could not be started (in practice: the sandbox could not be set up)."""
    for pid in live_descendants(os.getpid()) if IS_LINUX else []:
        _kill(pid)
    reap_all()
    message = f"could not start the program: {error}"
    return {"reason": "supervisor_failed", "exit_code": None, "error": message}


def _sandbox() -> Any:
    """The sandbox module, loaded by path: this process runs bare, outside the package."""
    module = sys.modules.get("_mpkata_sandbox")
    if module is None:
        import importlib.util

        path = Path(__file__).with_name("_sandbox.py")
        spec = importlib.util.spec_from_file_location("_mpkata_sandbox", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["_mpkata_sandbox"] = module
        spec.loader.exec_module(module)
    return module


def write_verdict(path: str, verdict: dict[str, Any]) -> None:
    temporary = path + ".tmp"
    Path(temporary).write_text(json.dumps(verdict), encoding="utf-8")
    os.replace(temporary, path)


def _install_signal_handlers() -> None:
    _prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    signal.signal(signal.SIGTERM, _on_term)
    if hasattr(signal, "SIGINT"):
        signal.signal(signal.SIGINT, _on_term)


def run_once(request_path: str) -> None:
    """Supervise one run and write its verdict (in this process)."""
    request = json.loads(Path(request_path).read_text(encoding="utf-8"))
    write_verdict(request["verdict_path"], supervise(request))


def run_in_child(request_path: str) -> None:
    """Fork a fresh supervisor for one run, so limits and the subreaper role stay per run.

    The server is single-threaded, so forking it is safe, and costs far less than starting
    an interpreter per run.
    """
    global _current_run
    child = os.fork()
    if child == 0:
        _current_run = 0
        code = 0
        try:
            REAPED.clear()
            _install_signal_handlers()
            run_once(request_path)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    _current_run = child
    with contextlib.suppress(ChildProcessError):
        os.waitpid(child, 0)
    _current_run = 0


def serve(parent_pid: int) -> int:
    """Read request paths, one per line; supervise each run; answer ``done`` when its verdict is written."""
    _install_signal_handlers()
    if IS_LINUX:
        _sandbox()._libc()  # loaded once here, not in every forked run
    if os.getppid() != parent_pid:
        return 3
    for line in sys.stdin:
        if _interrupted or not line.strip():
            break
        run_in_child(line.strip())
        sys.stdout.write("done\n")
        sys.stdout.flush()
    return 0


def main(argv: list[str]) -> int:
    if argv[1] == "--serve":
        return serve(int(argv[2]))
    request = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    _install_signal_handlers()
    if os.getppid() != request["parent_pid"]:
        return 3
    write_verdict(request["verdict_path"], supervise(request))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
