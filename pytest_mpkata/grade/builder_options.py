"""The builders' options checked before anything is built: each problem in one line.

``python -m pytest_mpkata gradescope`` and ``classroom`` take start methods, a Python version and
an output path; a typo there used to build a bundle in which every student then got 0, or end in
a traceback.  Each check returns what is wrong, or "" when nothing is.
"""

from __future__ import annotations

import os
import re
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Optional

import pytest

from pytest_mpkata.grade.stamp import DISTRIBUTION
from pytest_mpkata.settings import parse_start_methods

__all__ = [
    "check_katas_committed",
    "check_out_path",
    "check_python_version",
    "check_start_methods",
    "first_problem",
    "oldest_python",
]

BAD_PYTHON = (
    "--python {value}: expected a CPython version this package supports ({oldest} or newer), "
    "e.g. --python 3.12"
)
OUT_IS_FOLDER = "--out {out}: is a folder; expected a file to write, e.g. --out {out}/{example}"
OUT_UNDER_FILE = "--out {out}: {blocker} is a file, so nothing can be written under it"
OUT_UNWRITABLE = "--out {out}: cannot write in {folder}; expected a path in a folder you can write"
UNCOMMITTED = (
    "--katas {katas}: {count} file(s) changed since the last commit ({first}); the bundle ships the katas "
    "as committed: commit them, or pass --allow-uncommitted to ship them as they are"
)
VERSION = re.compile(r"^3\.(\d+)(\.\d+)?$")
FALLBACK_OLDEST = (3, 9)


def check_start_methods(text: str) -> str:
    """A comma-separated list of start methods; "" (every start method) is allowed."""
    if not text.strip():
        return ""
    try:
        parse_start_methods(text, "--start-methods")
    except pytest.UsageError as error:
        return str(error)
    return ""


def oldest_python() -> tuple[int, int]:
    """The oldest Python this package supports, from its ``Requires-Python``."""
    try:
        requires = metadata.metadata(DISTRIBUTION)["Requires-Python"] or ""
    except (metadata.PackageNotFoundError, KeyError):
        requires = ""
    found = re.search(r">=\s*3\.(\d+)", requires)
    return (3, int(found.group(1))) if found else FALLBACK_OLDEST


def check_python_version(value: str) -> str:
    """A version such as ``3.12`` (or ``3.12.1``), not older than the package supports."""
    oldest = oldest_python()
    match = VERSION.match(value.strip())
    if match is None or (3, int(match.group(1))) < oldest:
        return BAD_PYTHON.format(value=value, oldest=f"{oldest[0]}.{oldest[1]}")
    return ""


def check_out_path(out: Path, example: str) -> str:
    """A file path whose folder exists and can be written, or can be made where one can write."""
    if out.is_dir():
        return OUT_IS_FOLDER.format(out=out, example=example)
    folder = out.absolute().parent
    while not folder.exists():
        folder = folder.parent
    if not folder.is_dir():
        return OUT_UNDER_FILE.format(out=out, blocker=folder)
    if not os.access(folder, os.W_OK | os.X_OK):
        return OUT_UNWRITABLE.format(out=out, folder=folder)
    return ""


def uncommitted_files(katas: Path) -> list[str]:
    """Files under ``katas`` that differ from the last commit; none outside a git checkout."""
    command = ["git", "status", "--porcelain", "--untracked-files=all", "--", "."]
    try:
        done = subprocess.run(command, cwd=katas, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return []
    return [line[3:] for line in done.stdout.splitlines() if line.strip()] if done.returncode == 0 else []


def check_katas_committed(katas: Path) -> str:
    """The katas as the instructor's checkout last committed them, not a solved starter left in it."""
    changed = uncommitted_files(katas)
    if not changed:
        return ""
    return UNCOMMITTED.format(katas=katas, count=len(changed), first=changed[0])


def first_problem(
    start_methods: Optional[str], python: Optional[str], out: Optional[Path], example: str = ""
) -> str:
    """The first problem among the options a builder was given, or "" (``example``: a file name)."""
    problems = (
        check_start_methods(start_methods) if start_methods is not None else "",
        check_python_version(python) if python is not None else "",
        check_out_path(out, example or out.name) if out is not None else "",
    )
    return next((problem for problem in problems if problem), "")
