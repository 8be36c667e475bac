"""Decide whether runs are sandboxed and with what: the probe, the mechanism, the allowed paths.

The pytest side of ``_sandbox.py``: ``plan`` resolves ``--mpkata-sandbox`` against what the
machine offers (once per session), ``sandbox_spec`` lists what one run may read and write.
"""

from __future__ import annotations

import functools
import os
import sys
import sysconfig
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pytest_mpkata.run import _sandbox

__all__ = [
    "HOW_TO_GET",
    "LANDLOCK",
    "MODES",
    "OFF_BY_CHOICE",
    "OFF_LACKING",
    "OFF_OWN_PROGRAM",
    "inherited_environment",
    "missing_mechanism",
    "plan",
    "private_tmp",
    "sandbox_notice",
    "sandbox_spec",
]

MODES = ("auto", "on", "off")
LANDLOCK = "landlock"
OFF_BY_CHOICE = "off: --mpkata-sandbox off"
OFF_OWN_PROGRAM = "off: the learner's own program"
OFF_LACKING = "off: this machine lacks "
SHORT_TMP = 64
PACKAGE_DIR = Path(__file__).resolve().parent.parent
KEPT_VARIABLES = frozenset({"LANG", "LANGUAGE", "TZ", "PYTHONPATH", "PYTHONHASHSEED", "PYTHONUTF8"})
KEPT_ON_WINDOWS = frozenset({"SYSTEMROOT", "WINDIR", "COMSPEC", "PATHEXT", "PATH", "NUMBER_OF_PROCESSORS"})
KEPT_PREFIXES = ("LC_", "MPKATA_")
"""What a graded run keeps of the grader's environment: the locale, Python's own settings, ours."""
GRADED_PATH = ("/usr/local/bin", "/usr/bin", "/bin")
LANDLOCK_ALONE_LACKS = (
    "no user namespaces, so a program keeps your uid, sees other processes in /proc, may use UDP "
    "and Unix socket files, shares /dev/shm, and has no total disk limit"
)
HOW_TO_GET = (
    "run on Linux 6.12 or later (Landlock ABI 6), or on Linux 5.13+ where unprivileged user "
    "namespaces are allowed (sysctl kernel.unprivileged_userns_clone=1, or a container run "
    "with user namespaces)"
)


@functools.cache
def missing_mechanism() -> str | None:
    """What this machine lacks for a sandbox, in words, or None if it has everything."""
    if not sys.platform.startswith("linux"):
        return "Linux (Landlock and namespaces)"
    abi = _sandbox.landlock_abi()
    if abi >= 6 or abi < 1:
        return _sandbox.missing(abi, namespaces=False)
    return _sandbox.missing(abi, namespaces=_sandbox.probe_namespaces_in_subprocess())


def plan(mode: str, graded: bool) -> str:
    """The session's sandbox: ``landlock`` (namespaces are added where allowed) or ``off: <why>``."""
    if mode == "off":
        return OFF_BY_CHOICE
    if mode == "auto" and not graded:
        return OFF_OWN_PROGRAM
    lacking = missing_mechanism()
    return LANDLOCK if lacking is None else f"{OFF_LACKING}{lacking}"


def sandbox_notice(plan: str) -> str | None:
    """The session header's line about the sandbox, or None where there is nothing to say."""
    if plan == LANDLOCK and not namespaces_allowed():
        return f"mpkata sandbox: on (landlock alone: {LANDLOCK_ALONE_LACKS})"
    if plan == LANDLOCK:
        return "mpkata sandbox: on (landlock, and namespaces where this machine allows them)"
    if plan.startswith(OFF_LACKING):
        return f"mpkata sandbox: {plan}: submissions run with your rights"
    return None


def graded(plan: str) -> bool:
    """Whether runs under ``plan`` grade someone else's program (sandboxed, or unconfined for lack)."""
    return plan == LANDLOCK or plan.startswith(OFF_LACKING)


def inherited_environment(plan: str, environ: Mapping[str, str], home: str) -> dict[str, str]:
    """The grader's environment a run starts from: all of it for the learner's own program;
    for a graded one only ``KEPT_VARIABLES``, with ``HOME`` in the run folder and a plain PATH.
    """
    if not graded(plan):
        return dict(environ)
    names = KEPT_VARIABLES | KEPT_ON_WINDOWS if os.name == "nt" else KEPT_VARIABLES
    kept = {k: v for k, v in environ.items() if k.upper() in names or k.startswith(KEPT_PREFIXES)}
    kept["HOME"] = home
    if os.name != "nt":
        kept["PATH"] = os.pathsep.join([os.path.dirname(sys.executable), *GRADED_PATH])
    return kept


@functools.cache
def namespaces_allowed() -> bool:
    """Whether runs here get the minimal world (user namespaces work and are not turned off)."""
    if "namespaces" in _sandbox._unavailable():
        return False
    return sys.platform.startswith("linux") and _sandbox.probe_namespaces_in_subprocess()


def private_tmp(run_dir: Path) -> str:
    """The run's own temporary folder: in its run folder, unless that path is too long.

    multiprocessing puts the forkserver's Unix socket in it, and a socket path has at most
    107 bytes; a deep run folder (nested test sessions) gets a short folder in the system's.
    """
    folder = run_dir / "tmp"
    if len(str(folder)) > SHORT_TMP:
        return tempfile.mkdtemp(prefix="mpkata-tmp-")
    folder.mkdir()
    return str(folder)


def sandbox_spec(run_dir: Path, workdir: Path, env: dict[str, str]) -> dict[str, Any]:
    """What one sandboxed run may read and write (the supervisor's part of the request)."""
    abi = _sandbox.landlock_abi()
    write = [str(workdir), env["TMPDIR"]]  # not the trace: records reach it through a socket
    coverage_rc = env.get("MPKATA_COVERAGE_RC")
    if coverage_rc:
        write.append(str(Path(coverage_rc).parent))
    return {
        "landlock_abi": abi,
        "namespaces": "required" if abi < 6 else "wanted",
        "disk_limit": _sandbox._world.DISK_LIMIT,
        "read": sorted(python_paths()),
        "write": write,
    }


@functools.cache
def python_paths() -> frozenset[str]:
    """The Python installation, its site-packages and this package: all a program needs to read."""
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix, str(PACKAGE_DIR)}
    paths.add(os.path.dirname(os.path.realpath(sys.executable)))
    paths.update(value for value in sysconfig.get_paths().values() if value)
    return frozenset(path for path in paths if os.path.exists(path) and path != "/")
