"""Report files on disk: written atomically, so a crash leaves the old file or the new one.

A half-written grades.json would lose the whole class's grades on resume: every report file goes
through a temporary file beside it, flushed to disk, then renamed over the old one.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

__all__ = [
    "ENCODING",
    "ENCODING_ERRORS",
    "NEW_FILE_MODE",
    "TEMPORARY_SUFFIX",
    "atomic_write_bytes",
    "atomic_write_text",
    "json_text",
]

ENCODING = "utf-8"
ENCODING_ERRORS = "backslashreplace"
"""Folder names that are not valid UTF-8 reach Python as lone surrogates. Written this way they
become ``\\udcXX`` escapes: still valid JSON that reads back to the same name."""
NEW_FILE_MODE = 0o644
TEMPORARY_SUFFIX = ".tmp"


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8, byte for byte (no newline translation), atomically."""
    atomic_write_bytes(path, text.encode(ENCODING, ENCODING_ERRORS))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename it over ``path``.

    The rename is atomic on POSIX and Windows, so readers and later runs see the old file or the
    new one. On any failure, including Ctrl-C, the temporary file is removed and the old file kept.
    """
    target = Path(path)
    mode = _mode_for(target)
    prefix = f".{target.name}."
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=prefix, suffix=TEMPORARY_SUFFIX)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        _remove_quietly(temporary)
        raise
    _sync_folder(target.parent)


def _mode_for(target: Path) -> int:
    """Keep the permissions of the file being replaced; temporary files start private."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return NEW_FILE_MODE


def _remove_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the system allows it (not on Windows)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)


def json_text(document: Mapping[str, object]) -> str:
    """A JSON document as report files hold it: UTF-8 text, indented, non-ASCII kept readable."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
