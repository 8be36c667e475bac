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


def _load(file_name: str, module_name: str) -> ModuleType:
    """Load a sibling file by its path: this process runs bare, without the package."""
    path = Path(__file__).resolve().parent / file_name
    spec = importlib.util.spec_from_file_location(module_name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


records = _load("records.py", "_mpkata_records")
P = _load("protocol.py", "_mpkata_protocol")
kernel = _load("_kernel.py", "_mpkata_kernel")
writes = _load("_writes.py", "_mpkata_writes")
tree: Any = _load("_tree.py", "_mpkata_tree")
watching = _load("_watch.py", "_mpkata_watch")
watching.bind(P, records, tree)

IS_LINUX = sys.platform.startswith("linux")
PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36
FATAL_MARKER: bytes = records.FATAL_MARKER

_interrupted = False
_current_run = 0


def _on_term(signum: int, frame: Any) -> None:
    """Stop: the run in progress cleans up (a server passes the signal on to its run)."""
    global _interrupted
    _interrupted = True
    watching.Watch.interrupted = True
    if _current_run:
        with contextlib.suppress(ProcessLookupError):
            os.kill(_current_run, signal.SIGTERM)


def start_program(request: dict[str, Any]) -> subprocess.Popen[bytes]:
    """Start ``python <script>`` in its own session (its own process group on Windows)."""
    if request.get(P.REQUEST_SANDBOX):
        return _sandbox().start_program(request, popen_program, tree.OBSERVER)  # type: ignore[no-any-return]
    return popen_program(request)


def popen_program(request: dict[str, Any], preexec_fn: Any = None) -> subprocess.Popen[bytes]:
    """``python <script>`` in the run folder, output to the run's files, ``preexec_fn`` before exec.

    When processes are followed, the program asks to be traced before anything else, so the
    kernel reports it and every process it makes from its first instruction on.
    """
    flags = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0) if os.name == "nt" else 0
    before_exec = preexec_fn
    if tree.OBSERVER is not None:
        before_exec = _traced(preexec_fn, request, watch_writes=tree.OBSERVER.writes is not None)
    trace_fd = request.get(P.REQUEST_TRACE_FD)
    stamped = request.get(P.REQUEST_OUTPUT_FDS)
    with contextlib.ExitStack() as files:
        if stamped:  # the stamped sockets of tree.OUTPUTS: the supervisor writes the files
            out, err = stamped
        else:
            out = files.enter_context(open(request[P.REQUEST_STDOUT_PATH], "wb"))
            err = files.enter_context(open(request[P.REQUEST_STDERR_PATH], "wb"))
        main = subprocess.Popen(
            [request[P.REQUEST_PYTHON], request[P.REQUEST_SCRIPT_NAME]],
            cwd=request[P.REQUEST_WORKDIR],
            env=request[P.REQUEST_ENV],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=os.name != "nt",
            creationflags=flags,
            preexec_fn=before_exec,
            pass_fds=() if trace_fd is None else (trace_fd,),
        )
    if tree.OBSERVER is not None:
        tree.OBSERVER.expect(main.pid)
    return main


def _traced(preexec_fn: Any, request: dict[str, Any], watch_writes: bool) -> Any:
    def before_exec() -> None:
        kernel.trace_me()
        if preexec_fn is not None:
            preexec_fn()
        if watch_writes:
            writes.install_filter(writes.untraced(request.get(P.REQUEST_TRACE_FD)))

    return before_exec


def _open_kernel_sources(request: dict[str, Any]) -> tuple[dict[str, Any], str, str]:
    """Set up this run's observer and stamped channel where the system offers them.

    Returns the request as the program is started from it (the channel's descriptor added),
    and how processes are followed and records carried, in the verdict's words.
    """
    observer_missing = kernel.Observer.unavailable()
    writes_missing = observer_missing or writes.unavailable()
    if observer_missing is None:
        tree.OBSERVER = kernel.Observer(P)
    if writes_missing is None:
        watched = {P.LOG_FILE_NAME: os.path.join(request[P.REQUEST_WORKDIR], P.LOG_FILE_NAME)}
        tree.OBSERVER.writes = writes.Writes(P, watched)
        request = {**request, P.REQUEST_WATCH_WRITES: True}
    channel_missing = kernel.Channel.unavailable()
    if channel_missing is None:
        try:
            tree.CHANNEL = kernel.Channel(FATAL_MARKER)
        except OSError as error:
            channel_missing = f"no stamped channel: {error}"
    observer = "ptrace" if tree.OBSERVER is not None else f"off: {observer_missing}"
    if tree.CHANNEL is None:
        return request, observer, f"file: {channel_missing}"
    fd = tree.CHANNEL.sender_fd()
    env = {**request[P.REQUEST_ENV], records.TRACE_FD_VARIABLE: str(fd)}
    env.pop(records.TRACE_FILE_VARIABLE, None)
    try:
        tree.OUTPUTS = [
            writes.Output(P, "stdout", request[P.REQUEST_STDOUT_PATH], kernel.StampedSocket()),
            writes.Output(P, "stderr", request[P.REQUEST_STDERR_PATH], kernel.StampedSocket()),
        ]
    except OSError:
        tree.OUTPUTS = []  # the files then take the output, unstamped
    else:
        request = {**request, P.REQUEST_OUTPUT_FDS: [output.sender_fd() for output in tree.OUTPUTS]}
    return {**request, P.REQUEST_ENV: env, P.REQUEST_TRACE_FD: fd}, observer, "stamped"


def _kernel_facts(request: dict[str, Any], observer: str, channel: str, namespaced: bool) -> dict[str, Any]:
    """The verdict's kernel part; the stamped records are written now, when no process is left.

    A stamp is a pid as the supervisor sees it; in a PID namespace only the observer knows
    which pid the program saw, so without it the records go out unstamped, and say so.
    """
    facts: dict[str, Any] = {P.VERDICT_OBSERVER: observer, P.VERDICT_CHANNEL: channel}
    if tree.OBSERVER is not None:
        facts[P.VERDICT_PROCESSES] = tree.OBSERVER.table()
    rows: list[dict[str, Any]] = []
    if tree.OBSERVER is not None and tree.OBSERVER.writes is not None:
        facts[P.VERDICT_WRITES_WATCHED] = "syscalls"
        rows += tree.OBSERVER.writes.table(tree.OBSERVER.inner_pid)
    else:
        facts[P.VERDICT_WRITES_WATCHED] = f"off: {writes.unavailable() or observer.removeprefix('off: ')}"
    facts[P.VERDICT_OUTPUT] = "file: the system cannot stamp the program's output"
    for output in tree.OUTPUTS:
        output.drain(budget=sys.maxsize)  # every process is gone: take all that is left
        if tree.OBSERVER is not None or not namespaced:
            rows += output.table(tree.OBSERVER.inner_pid if tree.OBSERVER is not None else _same_pid)
            facts[P.VERDICT_OUTPUT] = "stamped"
        output.close()
    facts[P.VERDICT_WRITES] = rows
    if tree.CHANNEL is not None:
        tree.CHANNEL.drain()
        tree.lift_file_limit()  # the run's limit on file sizes is the program's, not the trace's
        inner: Any = tree.OBSERVER.inner_pid if tree.OBSERVER is not None else _same_pid
        if tree.OBSERVER is None and namespaced:
            inner = None
            facts[P.VERDICT_CHANNEL] = "file: without ptrace the pids of a PID namespace cannot be matched"
        tree.CHANNEL.write(request[P.REQUEST_TRACE_PATH], records.SENDER, inner)
        facts[P.VERDICT_JUNK] = tree.CHANNEL.junk
        facts[P.VERDICT_DROPPED] = tree.CHANNEL.dropped
        tree.CHANNEL.close()
    return facts


def _same_pid(pid: int) -> int:
    return pid


def supervise_without_process_groups(request: dict[str, Any]) -> dict[str, Any]:
    """Windows: no sessions, signals or /proc; wait with a limit, then end the tree with taskkill."""
    started = time.monotonic()
    main = start_program(request)
    reason = P.EXITED
    try:
        main.wait(timeout=request[P.REQUEST_TIME_LIMIT])
    except subprocess.TimeoutExpired:
        reason = P.TIMEOUT
    ended = time.monotonic()
    stopped_at = None if reason == P.EXITED else time.time()
    subprocess.run(["taskkill", "/T", "/F", "/PID", str(main.pid)], capture_output=True, check=False)
    return {
        P.VERDICT_REASON: reason,
        P.VERDICT_EXIT_CODE: main.wait(),
        P.VERDICT_MAIN_PID: main.pid,
        P.VERDICT_DURATION: ended - started,
        P.VERDICT_STOPPED_AT: stopped_at,
        P.VERDICT_LEFTOVERS: [],
        P.VERDICT_KILLED: 0,
        P.VERDICT_PEAK_PROCESSES: 0,
        P.VERDICT_SUBREAPER: False,
        P.VERDICT_OBSERVER: "off: this system has no ptrace events",
        P.VERDICT_CHANNEL: "file: this system cannot stamp a message with its sender",
    }


def supervise(request: dict[str, Any]) -> dict[str, Any]:
    """Run the program once under watch and return the verdict."""
    if os.name == "nt":
        return supervise_without_process_groups(request)
    subreaper = tree.prctl(PR_SET_CHILD_SUBREAPER, 1)
    tree.set_limits(
        request[P.REQUEST_FILE_LIMIT],
        request[P.REQUEST_TIME_LIMIT],
        request.get(P.REQUEST_MEMORY_LIMIT) or 0,
        request[P.REQUEST_PROCESS_LIMIT],
    )
    request, observer, channel = _open_kernel_sources(request)
    started = time.monotonic()
    try:
        main = start_program(request)
    except (OSError, subprocess.SubprocessError) as error:
        return _could_not_start(error)
    if tree.CHANNEL is not None:
        tree.CHANNEL.started()
    for output in tree.OUTPUTS:
        output.started()
    spared: tuple[int, ...] = getattr(main, "helpers", ())
    watch = watching.Watch(request, uncounted=len(spared))
    reason = watching.watch_until_done(main, watch, request[P.REQUEST_TIME_LIMIT])
    ended = time.monotonic()
    stopped_at = None if reason == P.EXITED else time.time()
    leftovers = tree.settle(request[P.REQUEST_SETTLE], spared) if reason == P.EXITED else []
    if spared:
        leftovers = [_sandbox().describe_leftover(left) for left in leftovers]
    killed = tree.kill_everything(main.pid, spared)
    return {
        P.VERDICT_REASON: reason,
        P.VERDICT_EXIT_CODE: watching.exit_code_of(main),
        P.VERDICT_MAIN_PID: getattr(main, "inner_pid", main.pid),
        P.VERDICT_DURATION: ended - started,
        P.VERDICT_STOPPED_AT: stopped_at,
        P.VERDICT_LEFTOVERS: leftovers,
        P.VERDICT_KILLED: killed,
        P.VERDICT_PEAK_PROCESSES: watch.peak_processes,
        P.VERDICT_SUBREAPER: subreaper,
        P.VERDICT_SANDBOX: getattr(main, "sandbox", "off"),
        **_kernel_facts(request, observer, channel, namespaced=hasattr(main, "inner_pid")),
    }


def _could_not_start(error: BaseException) -> dict[str, Any]:
    """The program could not be started (in practice: the sandbox could not be set up)."""
    for pid in tree.live_descendants(os.getpid()) if IS_LINUX else []:
        tree.kill(pid)
    tree.reap_all()
    message = f"could not start the program: {error}"
    return {P.VERDICT_REASON: P.SUPERVISOR_FAILED, P.VERDICT_EXIT_CODE: None, P.VERDICT_ERROR: message}


def _sandbox() -> Any:
    """The sandbox module, loaded by path: this process runs bare, outside the package."""
    module: Any = sys.modules.get("_mpkata_sandbox")
    if module is None:
        import importlib.util

        path = Path(__file__).with_name("_sandbox.py")
        spec = importlib.util.spec_from_file_location("_mpkata_sandbox", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["_mpkata_sandbox"] = module
        spec.loader.exec_module(module)
        module.WRITE_FILTER = _install_write_filter
    return module


def _install_write_filter(request: dict[str, Any]) -> None:
    """In the program's process (the sandbox's, just before its exec): the write filter."""
    writes.install_filter(writes.untraced(request.get(P.REQUEST_TRACE_FD)))


def write_verdict(path: str, verdict: dict[str, Any]) -> None:
    temporary = path + ".tmp"
    Path(temporary).write_text(json.dumps(verdict), encoding="utf-8")
    os.replace(temporary, path)


def _install_signal_handlers() -> None:
    tree.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    signal.signal(signal.SIGTERM, _on_term)
    if hasattr(signal, "SIGINT"):
        signal.signal(signal.SIGINT, _on_term)


def run_once(request_path: str) -> None:
    """Supervise one run and write its verdict (in this process)."""
    request = json.loads(Path(request_path).read_text(encoding="utf-8"))
    write_verdict(request[P.REQUEST_VERDICT_PATH], supervise(request))


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
            tree.REAPED.clear()
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
        _sandbox()._landlock.load_libc()  # loaded once here, not in every forked run
        kernel._libc()
        import socket  # noqa: F401  (the stamped channel's; imported once, not per run)
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
    if os.getppid() != request[P.REQUEST_PARENT_PID]:
        return 3
    write_verdict(request[P.REQUEST_VERDICT_PATH], supervise(request))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
