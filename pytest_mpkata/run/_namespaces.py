"""The processes of a namespaced run: the holder, the namespace's init, and the held program.

Loaded by ``_sandbox.py`` by path (stdlib only, never pytest), and bound to its Landlock layer
and minimal world (``bind``).  The supervisor forks the holder (``hold``), outside the PID
namespace: it enters user, PID, network, mount and IPC namespaces, has the run's one uid and gid
mapped, and forks the init.  The init (pid 1) builds the run's world, becomes uid 1000 of the
namespace, sets the run's process budget and forks the program, which waits for the supervisor's
go before it confines itself and execs.  The init then reaps every process until none is left,
so the tree dies with it.

Both write their progress to the supervisor's status pipe as ``word value`` lines, in any
order: ``INIT``, ``STARTED``, ``EXIT``, and ``FAILED`` with why.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from typing import Any

INIT, STARTED, EXIT, FAILED = "init", "started", "exit", "E"
"""The words of the status lines the holder and the init write for the supervisor."""
PR_SET_PDEATHSIG = 1
CLONE_NEWNS, CLONE_NEWIPC, CLONE_NEWUSER = 0x00020000, 0x08000000, 0x10000000
CLONE_NEWPID, CLONE_NEWNET = 0x20000000, 0x40000000
MS_REC, MS_PRIVATE = 0x4000, 1 << 18

_landlock: Any = None
_world: Any = None


def bind(landlock: Any, world: Any) -> None:
    """Take the sandbox's own Landlock layer and minimal world (loaded by path)."""
    global _landlock, _world
    _landlock, _world = landlock, world


def enter_namespaces() -> None:
    """Unshare user, PID (for children), network, mount and IPC namespaces, keeping our uid."""
    uid, gid = os.getuid(), os.getgid()
    _unshare(_landlock.load_libc())
    for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
        with open(f"/proc/self/{name}", "w") as handle:
            handle.write(text)


def _unshare(libc: Any) -> None:
    if libc.unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC) != 0:
        raise OSError(_landlock.errno(), "unshare")


def _die_with_parent(libc: Any, parent: int | None) -> None:
    """SIGKILL when the parent dies; ``parent`` None where it lies outside our PID namespace."""
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if parent is not None and os.getppid() != parent:
        os._exit(1)


def _report(fd: int, line: str) -> None:
    with contextlib.suppress(OSError):
        os.write(fd, (line + "\n").encode())


def hold(request: dict[str, Any], supervisor: int, status: int, go: int, write_filter: Any) -> None:
    """The holder: enter the namespaces, fork the init, wait for it (outside the PID namespace).

    ``write_filter`` (the supervisor's, or None) is installed in the program's process just
    before its exec, as for a program the supervisor starts itself.
    """
    code = 1
    try:
        libc = _landlock.load_libc()
        _die_with_parent(libc, supervisor)
        _lift_process_limit()  # the init sets the run's own budget inside the namespace
        _enter_mapped_namespaces(libc)
        init = os.fork()
        if init == 0:
            _init(request, libc, status, go, write_filter)
        _report(status, f"{INIT} {init}")
        os.waitpid(init, 0)
        code = 0
    except BaseException as error:
        _report(status, f"{FAILED} could not enter the sandbox's namespaces: {error}")
    finally:
        os._exit(code)


def _enter_mapped_namespaces(libc: Any) -> None:
    """Unshare, then have a helper left outside map the sandbox's one uid and gid to the host's.

    Only a process outside the new user namespace may map an id other than its own (the
    grader is root and the program must not be): the helper is forked before the unshare.
    """
    uid, gid = _world.sandbox_ids(os.geteuid(), os.getegid())
    ready, unshared = os.pipe()
    holder = os.getpid()
    mapper = os.fork()
    if mapper == 0:
        os.close(unshared)
        code = 1
        with contextlib.suppress(BaseException):
            _die_with_parent(libc, holder)
            if os.read(ready, 1):
                _write_id_maps(holder, uid, gid, deny_groups=os.geteuid() != 0)
                code = 0
        os._exit(code)
    os.close(ready)
    try:
        _unshare(libc)
        os.write(unshared, b"u")
    finally:
        os.close(unshared)
        _, waited = os.waitpid(mapper, 0)
    if os.waitstatus_to_exitcode(waited) != 0:
        raise OSError("could not map the sandbox's uid and gid")


def _write_id_maps(pid: int, uid: int, gid: int, deny_groups: bool) -> None:
    inner = _world.SANDBOX_ID
    maps = [("uid_map", f"{inner} {uid} 1"), ("gid_map", f"{inner} {gid} 1")]
    if deny_groups:  # an unprivileged grader may map its own gid only once setgroups is refused
        maps.insert(0, ("setgroups", "deny"))
    for name, text in maps:
        with open(f"/proc/{pid}/{name}", "w") as handle:
            handle.write(text)


def _become_sandbox_user() -> None:
    """Uid and gid 1000 of the namespace: its capabilities stay (ns root is unmapped) until exec."""
    with contextlib.suppress(OSError):
        os.setgroups([])
    ids = (_world.SANDBOX_ID,) * 3
    os.setresgid(*ids)
    os.setresuid(*ids)


def _init(request: dict[str, Any], libc: Any, status: int, go: int, write_filter: Any) -> None:
    """Pid 1 of the run: its world, then the program; reap everything until the run ends."""
    code = 1
    try:
        if libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None) != 0:
            raise OSError(_landlock.errno(), "mount --make-rprivate /")
        sources = _world.open_sources(request, _landlock.SYSTEM_READ)  # still the grader's uid on the host
        _world.enter(libc, request)
        _become_sandbox_user()
        _die_with_parent(libc, None)  # after the uid change, which clears it
        disk_limit = int(request["sandbox"].get("disk_limit") or _world.DISK_LIMIT)
        _world.build(libc, request, sources, disk_limit)
        _limit_processes(request)
        main = os.fork()
        if main == 0:
            _exec_program(request, go, write_filter)
        os.close(go)
        _world.watch_disk(request, disk_limit)
        _report(status, STARTED)
        _reap_until_empty(main, status)
        code = 0
    except BaseException as error:
        _report(status, f"{FAILED} could not prepare the sandbox: {error}")
    finally:
        os._exit(code)


def _lift_process_limit() -> None:
    """A new user namespace keeps its creator's RLIMIT_NPROC as a ceiling on all the user's processes."""
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_NPROC)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_NPROC, (hard, hard))


def _limit_processes(request: dict[str, Any]) -> None:
    """Inside a user namespace RLIMIT_NPROC counts the run's own processes only: set it exactly."""
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_NPROC)
    budget = int(request["process_limit"]) * 4 + 2
    if hard != resource.RLIM_INFINITY:
        budget = min(budget, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_NPROC, (budget, hard))


def _reap_until_empty(main: int, status: int) -> None:
    while True:
        try:
            pid, code = os.waitpid(-1, 0)
        except ChildProcessError:
            return
        except InterruptedError:
            continue
        if pid == main:
            _report(status, f"{EXIT} {os.waitstatus_to_exitcode(code)}")


def _exec_program(request: dict[str, Any], go: int, write_filter: Any) -> None:
    """The program's process: wait for the supervisor, confine, become ``python <script>``."""
    try:
        os.read(go, 1)
        os.setsid()
        _redirect(request)
        os.chdir(request["workdir"])
        _landlock.confine(request["sandbox"])
        if request.get("watch_writes") and write_filter is not None:  # protocol.REQUEST_WATCH_WRITES
            write_filter(request)
        os.execve(request["python"], [request["python"], request["script_name"]], request["env"])
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.write(2, f"mpkata sandbox: could not start the program: {error}\n".encode())
    os._exit(127)


def _redirect(request: dict[str, Any]) -> None:
    null = os.open("/dev/null", os.O_RDONLY)
    stamped = request.get("output_fds")  # protocol.REQUEST_OUTPUT_FDS: the supervisor's sockets
    if stamped:
        out, err = stamped
    else:
        out = os.open(request["stdout_path"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        err = os.open(request["stderr_path"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    for source, target in ((null, 0), (out, 1), (err, 2)):
        os.dup2(source, target)
    kept = request.get("trace_fd")  # the stamped trace channel: the one descriptor it inherits
    if kept is None:
        os.closerange(3, 65536)
    else:
        os.closerange(3, kept)
        os.closerange(kept + 1, 65536)


if __name__ == "__main__":
    sys.exit("loaded by _sandbox.py, not run")
