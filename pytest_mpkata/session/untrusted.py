"""What an outsider writes in: submission files read safely, program text made visible.

A submission folder comes from a stranger: a file in it may be a symbolic link (to another
student's work, to a root-only file, to ``/dev/zero``), a FIFO that blocks the reader forever,
or a file too big to hash.  ``read_submission`` reads regular files only, never through a link,
never more than a cap, and says why it refused in words the student can act on.  Text a
program printed may hold terminal escapes: ``visible`` shows its control characters as escapes.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = [
    "SUBMISSION_READ_LIMIT",
    "UntrustedFile",
    "read_submission",
    "refusal",
    "visible",
]

SUBMISSION_READ_LIMIT = 4 * 2**20
"""A kata answer is a few KiB; a notebook with outputs, a few MiB at most."""
NOT_A_REGULAR_FILE = "{name} is {what}: hand in the file itself"
TOO_LARGE = "{name} is larger than {limit} MiB: hand in only your code"
UNREADABLE = "{name} could not be read ({error}): hand it in again"
KINDS = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)
KEPT_CONTROLS = frozenset("\n\t")


class UntrustedFile(OSError):
    """A submission file refused: ``reason`` is the sentence its student reads."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _kind(mode: int) -> str | None:
    return next((what for test, what in KINDS if test(mode)), None)


def refusal(path: Path, limit: int = SUBMISSION_READ_LIMIT) -> str | None:
    """Why ``path`` may not be read as a submission file, or None (checked without following links)."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    what = _kind(info.st_mode) or (None if stat.S_ISREG(info.st_mode) else "not a regular file")
    if what is not None:
        return NOT_A_REGULAR_FILE.format(name=f"`{path.name}`", what=what)
    if info.st_size > limit:
        return TOO_LARGE.format(name=f"`{path.name}`", limit=limit // 2**20)
    return None


def read_submission(path: Path, limit: int = SUBMISSION_READ_LIMIT) -> bytes:
    """The bytes of a regular file, opened without following a link; raise ``UntrustedFile``.

    ``O_NONBLOCK`` keeps a FIFO swapped in after the check from blocking the open.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise UntrustedFile(refusal(path, limit) or _unreadable(path, error)) from None
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            what = _kind(info.st_mode) or "not a regular file"
            raise UntrustedFile(NOT_A_REGULAR_FILE.format(name=f"`{path.name}`", what=what))
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise UntrustedFile(TOO_LARGE.format(name=f"`{path.name}`", limit=limit // 2**20))
    return data


def _unreadable(path: Path, error: OSError) -> str:
    return UNREADABLE.format(name=f"`{path.name}`", error=error.strerror or error)


def visible(text: str, keep_newlines: bool = True) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``), so none acts on a screen.

    Newlines and tabs are kept where ``keep_newlines`` (a block of output), escaped otherwise (a
    name, a single line).
    """
    if text.isprintable() and (keep_newlines or "\n" not in text):
        return text
    return "".join(_shown(char, keep_newlines) for char in text)


def _shown(char: str, keep_newlines: bool) -> str:
    if char.isprintable() or char == " " or (keep_newlines and char in KEPT_CONTROLS):
        return char
    return char.encode("unicode_escape", "backslashreplace").decode("ascii")
