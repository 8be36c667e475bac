"""The minimal world a namespaced run sees: a fresh mount tree holding only what the program needs.

Loaded by ``_sandbox.py`` (by path in the bare supervisor; stdlib only).  The init, inside the new
user and mount namespaces, opens every path the program may see while it still has the grader's
uid (``open_sources``); then, as the run's unprivileged uid, it builds a tmpfs root from those
descriptors (``build``) and pivots into it:

* the Python installation, the plugin and a few system files, read-only, at their own paths;
* the run folder, writable (Landlock still narrows it), at its own path, so the trace file and
  any socket in it are the very files the supervisor reads;
* ``/tmp``, ``/dev/shm`` and ``$TMPDIR`` on one tmpfs of ``DISK_LIMIT`` bytes;
* ``/dev`` with ``null``, ``zero``, ``urandom`` and ``random`` only, and its own ``/proc``.

Nothing else of the host is there: no home folders, no other runs, no host sockets, no
``/etc/shadow``.  ``watch_disk`` stops a run whose run folder and temporary space together pass
``DISK_LIMIT``.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from typing import Any

SANDBOX_ID = 1000
"""The uid and gid of the program inside its user namespace: not root, mapped to one host id."""
ROOTLESS_ID = 65534
"""The host id a run maps to when the grader is root: ``nobody``, never the host's root."""
DISK_LIMIT = 128 * 2**20
"""Bytes a run may keep on disk: its run folder, ``/tmp``, ``/dev/shm`` and ``$TMPDIR`` together."""
DISK_CHECK_EVERY = 0.05
DISK_ENTRIES_COUNTED = 20_000
DISK_FULL = (
    "mpkata sandbox: the program was stopped: it kept more than {limit} MiB on disk (its folder, "
    "/tmp and /dev/shm together). Write less, and delete temporary files when done.\n"
)
PIVOT_ROOT = {"x86_64": 155, "aarch64": 41}
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT = 1, 2, 4, 8, 32
MS_NOATIME, MS_NODIRATIME, MS_BIND, MS_REC, MS_PRIVATE = 1024, 2048, 4096, 0x4000, 1 << 18
MS_RELATIME = 1 << 21
MNT_DETACH = 2
LOCKED_FLAGS = (
    (2, MS_NOSUID), (4, MS_NODEV), (8, MS_NOEXEC), (1024, MS_NOATIME), (2048, MS_NODIRATIME),
    (4096, MS_RELATIME),
)  # fmt: skip
"""statvfs bits to mount flags: a read-only remount inside a user namespace must keep them."""
DEVICES = ("/dev/null", "/dev/zero", "/dev/urandom", "/dev/random")
DEVICE_LINKS = {"fd": "/proc/self/fd", "stdin": "fd/0", "stdout": "fd/1", "stderr": "fd/2"}
NOT_BOUND = ("/proc", "/dev")
"""Made afresh inside the world, never bound from the host."""
WORLD_FOLDER = ".world"
TMP_OPTIONS = "size={size},mode=1777"
SHM_FOLDER = ".shm"
TMPDIR_FOLDER = ".tmpdir"


def sandbox_ids(uid: int, gid: int) -> tuple[int, int]:
    """The host uid and gid a run's program maps to: the grader's own, or ``nobody`` for root."""
    return (ROOTLESS_ID, ROOTLESS_ID) if uid == 0 else (uid, gid)


def run_folder(request: dict[str, Any]) -> str:
    return os.path.dirname(str(request["verdict_path"]))


def hand_over(request: dict[str, Any], uid: int, gid: int) -> None:
    """Give what is in the run folder to the run's host id (the grader is root, the program is not).

    The folder itself stays the grader's, open to pass through only: the init makes the world in it.
    """
    folder = run_folder(request)
    for path in (request["stdout_path"], request["stderr_path"]):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o644))
    for root, folders, files in os.walk(folder):
        for name in [*folders, *files]:
            os.chown(os.path.join(root, name), uid, gid, follow_symlinks=False)
    os.chmod(folder, 0o711)


def enter(libc: Any, request: dict[str, Any]) -> None:
    """Still as the grader's uid: mount the world's root in the run folder and step into it.

    From here on every path is relative to the world: the host's folders above the run folder
    may be closed to the run's uid.
    """
    world = os.path.join(run_folder(request), WORLD_FOLDER)
    os.mkdir(world, 0o755)
    options = f"size=1m,mode=0755,uid={SANDBOX_ID},gid={SANDBOX_ID}".encode()
    _mount(libc, b"tmpfs", world, b"tmpfs", MS_NOSUID | MS_NODEV, options)
    os.chdir(world)


def open_sources(request: dict[str, Any], system: tuple[str, ...]) -> dict[str, Any]:
    """Open what the world will show, with the grader's rights: ``path -> fd``, links, writable."""
    folder = run_folder(request)
    tmpdir = request["env"].get("TMPDIR")
    outside = [p for p in request["sandbox"]["write"] if not _inside(p, folder) and p != tmpdir]
    writable = {folder, *outside}
    links: dict[str, str] = {}
    readable = set()
    for path in (*system, *request["sandbox"]["read"], *DEVICES):
        if path.startswith(NOT_BOUND) and path not in DEVICES:
            continue
        if os.path.islink(path):
            links[path] = os.readlink(path)
        readable.add(os.path.realpath(path))
    fds: dict[str, int] = {}
    for path in sorted(readable - writable):
        if not _covered(path, fds):
            with contextlib.suppress(OSError):
                fds[path] = os.open(path, os.O_PATH | os.O_CLOEXEC)
    for path in sorted(writable):
        with contextlib.suppress(OSError):
            fds[path] = os.open(path, os.O_PATH | os.O_CLOEXEC)
    return {"fds": fds, "links": links, "writable": writable}


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _covered(path: str, bound: dict[str, int]) -> bool:
    """Whether a folder already bound shows ``path`` (devices are bound one by one)."""
    return any(_inside(path, other) for other in bound if other not in DEVICES)


def build(libc: Any, request: dict[str, Any], sources: dict[str, Any], disk_limit: int) -> None:
    """In the init, as the run's uid, inside the world's root (``enter``): fill it, pivot into it."""
    world = "."
    _make_dir(world + "/tmp")
    options = TMP_OPTIONS.format(size=disk_limit).encode()
    _mount(libc, b"tmpfs", world + "/tmp", b"tmpfs", MS_NOSUID | MS_NODEV, options)
    for path, fd in sorted(sources["fds"].items()):
        _bind(libc, fd, world + path, path in sources["writable"], path in DEVICES)
        os.close(fd)
    for path, target in sorted(sources["links"].items()):
        if not os.path.lexists(world + path):
            _make_dir(os.path.dirname(world + path))
            os.symlink(target, world + path)
    _private_temporary_folders(libc, request, world)
    _minimal_dev(world)
    _make_dir(world + "/proc")
    _mount(libc, b"proc", world + "/proc", b"proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, None)
    _pivot(libc)


def _private_temporary_folders(libc: Any, request: dict[str, Any], world: str) -> None:
    """``/dev/shm`` and ``$TMPDIR`` are folders of the world's ``/tmp``: one disk limit for all three."""
    places = {SHM_FOLDER: "/dev/shm", TMPDIR_FOLDER: request["env"].get("TMPDIR")}
    for folder, place in places.items():
        if place:
            _make_dir(f"{world}/tmp/{folder}", 0o1777)
            _make_dir(world + place)
            _mount(libc, f"{world}/tmp/{folder}".encode(), world + place, None, MS_BIND, None)


def _minimal_dev(world: str) -> None:
    for name, target in DEVICE_LINKS.items():
        with contextlib.suppress(FileExistsError):
            os.symlink(target, f"{world}/dev/{name}")


def _bind(libc: Any, fd: int, target: str, writable: bool, device: bool) -> None:
    """Bind what ``fd`` names at ``target`` (the magic link needs no right on the host's folders).

    A writable folder (the run folder) is bound alone: what is mounted under it stays out.
    """
    _make_mount_point(fd, target)
    flags = MS_BIND if writable else MS_BIND | MS_REC
    _mount(libc, f"/proc/self/fd/{fd}".encode(), target, None, flags, None)
    if writable or device:
        return
    locked = os.statvfs(target).f_flag
    flags = MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV
    flags |= sum(flag for bit, flag in LOCKED_FLAGS if locked & bit)
    with contextlib.suppress(OSError):  # Landlock still refuses every write there
        _mount(libc, None, target, None, flags, None)


def _make_mount_point(fd: int, target: str) -> None:
    import stat

    if stat.S_ISDIR(os.fstat(fd).st_mode):
        _make_dir(target)
        return
    _make_dir(os.path.dirname(target))
    if not os.path.lexists(target):
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o644))


def _make_dir(path: str, mode: int | None = None) -> None:
    os.makedirs(path, 0o755, exist_ok=True)
    if mode is not None:
        os.chmod(path, mode)


def _mount(libc: Any, source: bytes | None, target: str, kind: bytes | None, flags: int, data: Any) -> None:
    if libc.mount(source, target.encode(), kind, flags, data) != 0:
        raise OSError(_errno(), f"mount {target}")


def _pivot(libc: Any) -> None:
    """Make the world (the current folder) the root and drop the host's tree."""
    if libc.syscall(PIVOT_ROOT[os.uname().machine], b".", b".") != 0:
        raise OSError(_errno(), "pivot_root")
    if libc.umount2(b".", MNT_DETACH) != 0:
        raise OSError(_errno(), "umount the host's root")
    os.chdir("/")
    with contextlib.suppress(OSError):
        _mount(libc, None, "/", None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV, None)


def _errno() -> int:
    import ctypes

    return ctypes.get_errno()


# --- the disk limit ---------------------------------------------------------------------------


def watch_disk(request: dict[str, Any], limit: int) -> None:
    """In the init: every few ms, stop the run once its folders and ``/tmp`` together pass ``limit``."""
    tmpdir = request["env"].get("TMPDIR")
    places = [p for p in request["sandbox"]["write"] if p != tmpdir]  # TMPDIR is on /tmp's tmpfs

    def check(signum: int, frame: Any) -> None:
        if _kept_on_disk(places) <= limit:
            return
        signal.setitimer(signal.ITIMER_REAL, 0)
        _tell_the_learner(request, limit)
        with contextlib.suppress(OSError):
            os.kill(-1, signal.SIGKILL)  # from a PID namespace's init: every process but itself

    signal.signal(signal.SIGALRM, check)
    signal.setitimer(signal.ITIMER_REAL, DISK_CHECK_EVERY, DISK_CHECK_EVERY)


def _kept_on_disk(places: list[str]) -> int:
    used = 0
    with contextlib.suppress(OSError):
        tmp = os.statvfs("/tmp")
        used = (tmp.f_blocks - tmp.f_bfree) * tmp.f_frsize
    return used + sum(_usage(place) for place in places)


def _usage(place: str) -> int:
    """Bytes ``place`` and what is under it hold on disk (blocks: a sparse file counts what it uses)."""
    used, pending, seen = 0, [place], 0
    with contextlib.suppress(OSError):
        info = os.lstat(place)
        if not os.path.isdir(place):
            return int(info.st_blocks) * 512
    while pending and seen < DISK_ENTRIES_COUNTED:
        with contextlib.suppress(OSError), os.scandir(pending.pop()) as entries:
            for entry in entries:
                seen += 1
                is_folder = entry.is_dir(follow_symlinks=False)
                used += max(entry.stat(follow_symlinks=False).st_blocks * 512, 4096 if is_folder else 0)
                if is_folder:
                    pending.append(entry.path)
    return used


def _tell_the_learner(request: dict[str, Any], limit: int) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(request["stderr_path"], os.O_WRONLY | os.O_APPEND | os.O_CLOEXEC)
        try:
            os.write(fd, DISK_FULL.format(limit=limit // 2**20).encode())
        finally:
            os.close(fd)


if __name__ == "__main__":
    sys.exit("loaded by _sandbox.py, not run")
