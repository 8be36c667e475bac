"""Confine the process that is about to become the program: Landlock, a keyring, no capability.

Loaded by ``_sandbox.py`` by path (stdlib only, never pytest).  ``confine`` runs in the
program's process just before ``exec``, so every process it starts inherits it: the program
may read only the paths the runner lists (the Python installation, the plugin, a few system
files), write only its run folder and private temp folder, open no TCP connection (ABI 4+),
and signal no process outside its own tree (ABI 6+).  It also leaves the grader's session
keyring for an empty one of its own, and keeps no capability across ``exec``.

``load_libc`` is the C library both layers call, loaded once per process.
"""

from __future__ import annotations

import os
import struct
import sys
from typing import Any

SYSCALLS = {"x86_64": (444, 445, 446), "aarch64": (444, 445, 446)}
KEYCTL = {"x86_64": 250, "aarch64": 219}
KEYCTL_JOIN_SESSION_KEYRING = 1
CREATE_RULESET_VERSION = 1
RULE_PATH_BENEATH = 1
PR_CAPBSET_DROP = 24
PR_SET_NO_NEW_PRIVS = 38

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


def load_libc() -> Any:
    """The C library, with the argument types of the calls the sandbox makes (loaded once)."""
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


def errno() -> int:
    import ctypes

    return ctypes.get_errno()


def kernel_abi() -> int:
    """The kernel's Landlock ABI version, 0 where the kernel has no Landlock to offer."""
    numbers = SYSCALLS.get(os.uname().machine) if sys.platform.startswith("linux") else None
    if numbers is None:
        return 0
    try:
        version = load_libc().syscall(numbers[0], None, 0, CREATE_RULESET_VERSION)
    except (OSError, AttributeError):
        return 0
    return max(int(version), 0)


def confine(spec: dict[str, Any]) -> None:
    """Landlock, a session keyring of its own, no capability left (called just before exec)."""
    apply_landlock(spec)
    join_fresh_keyring(load_libc())
    _drop_capabilities(load_libc())


def join_fresh_keyring(libc: Any) -> bool:
    """Leave the grader's session keyring for a new, empty one; False where the kernel has none."""
    number = KEYCTL.get(os.uname().machine)
    return number is not None and libc.syscall(number, KEYCTL_JOIN_SESSION_KEYRING, None) >= 0


def apply_landlock(spec: dict[str, Any]) -> None:
    """Restrict this process and its future children to the spec's paths; raise if it cannot."""
    abi = int(spec["landlock_abi"])
    numbers = SYSCALLS[os.uname().machine]
    libc = load_libc()
    attr = _ruleset_attr(abi)
    ruleset = libc.syscall(numbers[0], attr, len(attr), 0)
    if ruleset < 0:
        raise OSError(errno(), "landlock_create_ruleset")
    write = _handled_fs(abi) & ~NOT_GRANTED
    try:
        for path in [*SYSTEM_READ, *spec["read"]]:
            _add_rule(libc, numbers, ruleset, path, READ)
        for path in [*SYSTEM_WRITE, *spec["write"]]:
            _add_rule(libc, numbers, ruleset, path, write)
        if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            raise OSError(errno(), "PR_SET_NO_NEW_PRIVS")
        if libc.syscall(numbers[2], ruleset, 0) != 0:
            raise OSError(errno(), "landlock_restrict_self")
    finally:
        os.close(ruleset)


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
            raise OSError(errno(), f"landlock_add_rule {path}")
    finally:
        os.close(fd)


def _drop_capabilities(libc: Any) -> None:
    """Root inside the user namespace keeps no capability across exec."""
    for capability in range(64):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            break


if __name__ == "__main__":
    sys.exit("loaded by _sandbox.py, not run")
