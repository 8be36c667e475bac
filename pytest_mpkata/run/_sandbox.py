"""Confine one run of an untrusted program: Landlock, and Linux namespaces where they are allowed.

Loaded by the bare supervisor by path (stdlib only, never pytest) and by the runner as
``pytest_mpkata.run._sandbox`` for the capability probe.  Two layers:

* Landlock (Linux 5.13+, unprivileged, works in containers): the program may read only the
  paths the runner lists (the Python installation, the plugin, a few system files), write
  only its run folder and private temp folder, open no TCP connection (ABI 4+), and signal
  no process outside its own tree (ABI 6+).  Applied in the program's process just before
  ``exec``, so every process it starts inherits it.
* Namespaces (user, PID, network, mount, IPC), where unprivileged user namespaces work: no
  network at all, a tree that dies with its init, and a minimal world (``_world.py``): a fresh
  mount tree with the Python installation read-only, the run folder, size-capped private
  temporary folders, a minimal ``/dev`` and its own ``/proc``.  The program runs as uid 1000
  of its namespace, mapped to the grader's uid, or to ``nobody`` when the grader is root.
  The supervisor forks a holder (outside the PID namespace), which forks the namespace's
  init; the init forks the program.  The init stays up until the supervisor ends the run,
  so processes left behind are still seen and reported as they are without a sandbox.

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
import struct
import subprocess
import sys
import time
from typing import Any

UNAVAILABLE_ENV = "MPKATA_SANDBOX_UNAVAILABLE"
SYSCALLS = {"x86_64": (444, 445, 446), "aarch64": (444, 445, 446)}
KEYCTL = {"x86_64": 250, "aarch64": 219}
KEYCTL_JOIN_SESSION_KEYRING = 1
CREATE_RULESET_VERSION = 1
RULE_PATH_BENEATH = 1
PR_SET_PDEATHSIG = 1
PR_CAPBSET_DROP = 24
WRITE_FILTER: Any = None
"""Set by the supervisor when it loads this module: installs ``_writes.py``'s filter in the
program's process, just before its exec (a sandboxed program is started here, not by Popen)."""
PR_SET_NO_NEW_PRIVS = 38
CLONE_NEWNS, CLONE_NEWIPC, CLONE_NEWUSER = 0x00020000, 0x08000000, 0x10000000
CLONE_NEWPID, CLONE_NEWNET = 0x20000000, 0x40000000
MS_REC, MS_PRIVATE = 0x4000, 1 << 18

READ = 1 << 0 | 1 << 2 | 1 << 3  # execute, read file, read dir
FILE_RIGHTS = 1 << 0 | 1 << 1 | 1 << 2 | 1 << 14 | 1 << 15  # the rights a rule on a file may hold
NOT_GRANTED = 1 << 6 | 1 << 11  # make character and block devices
NET_TCP = 1 << 0 | 1 << 1  # bind and connect
SCOPES = 1 << 0 | 1 << 1  # abstract unix sockets and signals outside the domain
SYSTEM_READ = (
    "/usr", "/lib", "/lib64", "/lib32", "/bin", "/etc/ld.so.cache", "/etc/ld.so.conf",
    "/etc/ld.so.conf.d", "/etc/localtime", "/etc/nsswitch.conf", "/etc/passwd", "/etc/group",
    "/etc/hosts", "/etc/locale.alias", "/sys/devices/system/cpu", "/proc", "/dev/urandom",
    "/dev/random", "/dev/zero",
)  # fmt: skip
SYSTEM_WRITE = ("/dev/null", "/dev/shm")


_LIBC: list[Any] = []


def _load_world() -> Any:
    """``_world.py`` beside this file, run as a module of its own: the supervisor is bare, no package."""
    name = "_mpkata_world"
    if name not in sys.modules:
        import types

        module = types.ModuleType(name)
        module.__file__ = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_world.py")
        sys.modules[name] = module
        with open(module.__file__, "rb") as source:
            exec(compile(source.read(), module.__file__, "exec"), module.__dict__)
    return sys.modules[name]


_world = _load_world()


def _libc() -> Any:
    if _LIBC:
        return _LIBC[0]
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    text = ctypes.c_char_p
    libc.mount.argtypes = [text, text, text, ctypes.c_ulong, text]
    libc.prctl.argtypes = [ctypes.c_int, *[ctypes.c_ulong] * 4]
    _LIBC.append(libc)
    return libc


def _unavailable() -> set[str]:
    return {word.strip() for word in os.environ.get(UNAVAILABLE_ENV, "").split(",")}


def landlock_abi() -> int:
    """The kernel's Landlock ABI version, 0 where Landlock cannot be used."""
    numbers = SYSCALLS.get(os.uname().machine) if sys.platform.startswith("linux") else None
    if numbers is None or "landlock" in _unavailable():
        return 0
    try:
        version = _libc().syscall(numbers[0], None, 0, CREATE_RULESET_VERSION)
    except (OSError, AttributeError):
        return 0
    return max(int(version), 0)


def namespaces_usable() -> bool:
    """Whether this process may create user, PID, network and mount namespaces (forks to try)."""
    if not sys.platform.startswith("linux") or "namespaces" in _unavailable():
        return False
    child = os.fork()
    if child == 0:
        code = 1
        with contextlib.suppress(BaseException):
            _enter_namespaces()
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


# --- Landlock -------------------------------------------------------------------------------


def _handled_fs(abi: int) -> int:
    bits = {1: 13, 2: 14, 3: 15, 4: 15}.get(abi, 16)
    return (1 << bits) - 1


def _ruleset_attr(abi: int) -> bytes:
    if abi >= 6:
        return struct.pack("QQQ", _handled_fs(abi), NET_TCP, SCOPES)
    if abi >= 4:
        return struct.pack("QQ", _handled_fs(abi), NET_TCP)
    return struct.pack("Q", _handled_fs(abi))


def _add_rule(libc: Any, numbers: tuple[int, int, int], ruleset: int, path: str, access: int) -> None:
    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except OSError:
        return
    try:
        if not os.path.isdir(path):
            access &= FILE_RIGHTS
        rule = struct.pack("=Qi", access, fd)
        if libc.syscall(numbers[1], ruleset, RULE_PATH_BENEATH, rule, 0) != 0:
            raise OSError(_errno(), f"landlock_add_rule {path}")
    finally:
        os.close(fd)


def _errno() -> int:
    import ctypes

    return ctypes.get_errno()


def confine(spec: dict[str, Any]) -> None:
    """Landlock, a session keyring of its own, no capability left (called just before exec)."""
    apply_landlock(spec)
    join_fresh_keyring(_libc())
    _drop_capabilities(_libc())


def join_fresh_keyring(libc: Any) -> bool:
    """Leave the grader's session keyring for a new, empty one; False where the kernel has none."""
    number = KEYCTL.get(os.uname().machine)
    return number is not None and libc.syscall(number, KEYCTL_JOIN_SESSION_KEYRING, None) >= 0


def apply_landlock(spec: dict[str, Any]) -> None:
    """Restrict this process and its future children to the spec's paths; raise if it cannot."""
    abi = int(spec["landlock_abi"])
    numbers = SYSCALLS[os.uname().machine]
    libc = _libc()
    attr = _ruleset_attr(abi)
    ruleset = libc.syscall(numbers[0], attr, len(attr), 0)
    if ruleset < 0:
        raise OSError(_errno(), "landlock_create_ruleset")
    write = _handled_fs(abi) & ~NOT_GRANTED
    try:
        for path in [*SYSTEM_READ, *spec["read"]]:
            _add_rule(libc, numbers, ruleset, path, READ)
        for path in [*SYSTEM_WRITE, *spec["write"]]:
            _add_rule(libc, numbers, ruleset, path, write)
        if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            raise OSError(_errno(), "PR_SET_NO_NEW_PRIVS")
        if libc.syscall(numbers[2], ruleset, 0) != 0:
            raise OSError(_errno(), "landlock_restrict_self")
    finally:
        os.close(ruleset)


# --- namespaces -----------------------------------------------------------------------------


def _enter_namespaces() -> None:
    """Unshare user, PID (for children), network, mount and IPC namespaces, keeping our uid."""
    uid, gid = os.getuid(), os.getgid()
    libc = _libc()
    if libc.unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC) != 0:
        raise OSError(_errno(), "unshare")
    for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
        with open(f"/proc/self/{name}", "w") as handle:
            handle.write(text)


def _drop_capabilities(libc: Any) -> None:
    """Root inside the user namespace keeps no capability across exec."""
    for capability in range(64):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            break


def _die_with_parent(libc: Any, parent: int | None) -> None:
    """SIGKILL when the parent dies; ``parent`` None where it lies outside our PID namespace."""
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if parent is not None and os.getppid() != parent:
        os._exit(1)


def _report(fd: int, line: str) -> None:
    with contextlib.suppress(OSError):
        os.write(fd, (line + "\n").encode())


# --- starting the program -------------------------------------------------------------------


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
    process = popen(request, lambda: confine(spec))
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
            _hold(request, supervisor, status_write, go_read)
        os.close(status_write)
        os.close(go_read)
        self._status = os.fdopen(status_read, "rb", buffering=0)
        self._buffer = b""
        self._heard: dict[str, str] = {}
        try:
            self.init = int(self._hear("init", 10.0))
            self._hear("started", 10.0)
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
                if key == "E":
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
                self.returncode = int(self._hear("exit", 0.0))
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            try:
                self.returncode = int(self._hear("exit", timeout or 0.0))
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


def _hold(request: dict[str, Any], supervisor: int, status: int, go: int) -> None:
    """The holder: enter the namespaces, fork the init, wait for it (outside the PID namespace)."""
    code = 1
    try:
        libc = _libc()
        _die_with_parent(libc, supervisor)
        _lift_process_limit()  # the init sets the run's own budget inside the namespace
        _enter_mapped_namespaces(libc)
        init = os.fork()
        if init == 0:
            _init(request, libc, status, go)
        _report(status, f"init {init}")
        os.waitpid(init, 0)
        code = 0
    except BaseException as error:
        _report(status, f"E could not enter the sandbox's namespaces: {error}")
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
        if libc.unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC) != 0:
            raise OSError(_errno(), "unshare")
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


def _init(request: dict[str, Any], libc: Any, status: int, go: int) -> None:
    """Pid 1 of the run: its world, then the program; reap everything until the run ends."""
    code = 1
    try:
        if libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None) != 0:
            raise OSError(_errno(), "mount --make-rprivate /")
        sources = _world.open_sources(request, SYSTEM_READ)  # still the grader's uid on the host
        _world.enter(libc, request)
        _become_sandbox_user()
        _die_with_parent(libc, None)  # after the uid change, which clears it
        disk_limit = int(request["sandbox"].get("disk_limit") or _world.DISK_LIMIT)
        _world.build(libc, request, sources, disk_limit)
        _limit_processes(request)
        main = os.fork()
        if main == 0:
            _exec_program(request, go)
        os.close(go)
        _world.watch_disk(request, disk_limit)
        _report(status, "started")
        _reap_until_empty(main, status)
        code = 0
    except BaseException as error:
        _report(status, f"E could not prepare the sandbox: {error}")
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
            _report(status, f"exit {os.waitstatus_to_exitcode(code)}")


def _exec_program(request: dict[str, Any], go: int) -> None:
    """The program's process: wait for the supervisor, confine, become ``python <script>``."""
    try:
        os.read(go, 1)
        os.setsid()
        _redirect(request)
        os.chdir(request["workdir"])
        confine(request["sandbox"])
        if request.get("watch_writes") and WRITE_FILTER is not None:  # protocol.REQUEST_WATCH_WRITES
            WRITE_FILTER(request)
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


def describe_leftover(info: dict[str, Any]) -> dict[str, Any]:
    """A leftover process with the pids its tracer used (the namespace's numbering)."""
    changed = dict(info)
    for key in ("pid", "ppid"):
        if isinstance(info.get(key), int):
            changed[key] = inner_pid(info[key])
    return changed


if __name__ == "__main__" and sys.argv[1:] == ["--probe-namespaces"]:
    sys.exit(0 if namespaces_usable() else 1)
