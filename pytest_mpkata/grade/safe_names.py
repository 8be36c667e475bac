"""Stable identities for submissions on disk: safe folder names and content fingerprints.

A submission is named by its folder, and folder names come from learning platforms and students:
they hold spaces, accents, slashes turned into odd characters, or words Windows refuses. The report
folder of a submission must be creatable on Linux, macOS and Windows, must stay readable for the
instructor, and must never be shared by two different submissions. The fingerprint tells a rerun
whether a submission changed since its grade was recorded, so unchanged work is not graded again.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Callable, Collection, Iterator
from pathlib import Path

from pytest_mpkata.kata.catalogue import NOTEBOOK_SUFFIX
from pytest_mpkata.session.untrusted import UntrustedFile, read_submission

__all__ = [
    "EMPTY_NAME",
    "FINGERPRINTED_SUFFIXES",
    "HASH_SUFFIX",
    "HASH_SUFFIX_CHARS",
    "MAX_NAME_BYTES",
    "MAX_NAME_CHARS",
    "REPLACEMENT",
    "RESERVED_SUFFIX",
    "SKIPPED_FOLDERS",
    "UNSAFE_CATEGORIES",
    "UNSAFE_CHARACTERS",
    "WINDOWS_RESERVED",
    "safe_name",
    "submission_fingerprint",
]

MAX_NAME_CHARS = 80
MAX_NAME_BYTES = 200
"""Well under the 255-byte limit of common file systems, leaving room for temporary names."""

HASH_SUFFIX_CHARS = 8
HASH_SUFFIX = re.compile(rf"-[0-9a-f]{{{HASH_SUFFIX_CHARS}}}\Z")
"""A name that already ends like a hash suffix gets another one: no original can pass for a
renamed submission and take its folder."""
REPLACEMENT = "_"
EMPTY_NAME = "_"
UNSAFE_CHARACTERS = frozenset('/\\:*?"<>|')
UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
"""Control, invisible formatting (e.g. right-to-left overrides), lone surrogates, line breaks."""

WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"COM{digit}" for digit in "123456789¹²³"}
    | {f"LPT{digit}" for digit in "123456789¹²³"}
)
RESERVED_SUFFIX = "_"

FINGERPRINTED_SUFFIXES = (".py", NOTEBOOK_SUFFIX)
SKIPPED_FOLDERS = frozenset({"__pycache__"})
"""Folders whose content is produced by running the code, not written by the learner."""


def safe_name(submission: str, reserved: Collection[str] = ()) -> str:
    """Return a folder name for ``submission`` that every common file system accepts.

    Readable names are kept as they are ("Zoë Müller" stays "Zoë Müller"). When the name has to
    change, a short hash of the original is appended, so two different submissions never share a
    folder. ``reserved`` lists names (compared case-insensitively) the caller already uses.
    """
    cleaned = _clip(_avoid_windows_reserved(_strip_edges(_replace_unsafe(_nfc(submission)))))
    if cleaned == submission and not _is_taken(cleaned, reserved):
        return cleaned
    return _clip(cleaned, room=1 + HASH_SUFFIX_CHARS) + "-" + _short_hash(submission)


def submission_fingerprint(folder: Path, salt: str = "") -> str:
    """Return a sha256 hex digest of the learner's code in ``folder``.

    It covers the relative path and bytes of every ``.py`` and ``.ipynb`` file, sorted, so it only
    changes when the code changes. ``salt`` is mixed in by the caller (kata catalogue, start
    methods, points, plugin version) so that changing how work is graded forces a regrade.
    """
    digest = hashlib.sha256()
    _feed(digest.update, salt.encode("utf-8", "surrogatepass"))
    for relative, path in sorted(_code_files(folder)):
        _feed(digest.update, relative.encode("utf-8", "surrogatepass"))
        _feed(digest.update, _content(path))
    return digest.hexdigest()


def _content(path: Path) -> bytes:
    """The file's bytes, or why it is refused: a link, a FIFO or a huge file is never read."""
    try:
        return read_submission(path)
    except UntrustedFile as error:
        return f"refused: {error.reason}".encode("utf-8", "surrogatepass")


def _is_taken(name: str, reserved: Collection[str]) -> bool:
    clashes = name.casefold() in {other.casefold() for other in reserved}
    return clashes or HASH_SUFFIX.search(name) is not None


def _nfc(name: str) -> str:
    return unicodedata.normalize("NFC", name)


def _replace_unsafe(name: str) -> str:
    return "".join(REPLACEMENT if _is_unsafe(char) else char for char in name)


def _is_unsafe(char: str) -> bool:
    return char in UNSAFE_CHARACTERS or unicodedata.category(char) in UNSAFE_CATEGORIES


def _strip_edges(name: str) -> str:
    """Hide nothing behind a leading dot, and drop the trailing dots and spaces Windows drops."""
    stripped = name.rstrip(". ").lstrip(" ")
    without_dots = stripped.lstrip(".")
    cleaned = REPLACEMENT * (len(stripped) - len(without_dots)) + without_dots
    return cleaned or EMPTY_NAME


def _avoid_windows_reserved(name: str) -> str:
    stem, dot, rest = name.partition(".")
    if stem.rstrip(" ").upper() in WINDOWS_RESERVED:
        return stem + RESERVED_SUFFIX + dot + rest
    return name


def _clip(name: str, room: int = 0) -> str:
    """Cut ``name`` so that ``room`` more characters still fit the character and byte caps."""
    clipped = name[: MAX_NAME_CHARS - room]
    while len(clipped.encode("utf-8")) > MAX_NAME_BYTES - room:
        clipped = clipped[:-1]
    return clipped.rstrip(". ") or EMPTY_NAME


def _short_hash(submission: str) -> str:
    encoded = submission.encode("utf-8", "surrogatepass")
    return hashlib.sha256(encoded).hexdigest()[:HASH_SUFFIX_CHARS]


def _feed(update: Callable[[bytes], object], chunk: bytes) -> None:
    """Prefix each chunk with its length, so no two file sets hash alike by shifting bytes."""
    update(len(chunk).to_bytes(8, "big"))
    update(chunk)


def _code_files(folder: Path) -> Iterator[tuple[str, Path]]:
    """Yield (relative posix path in NFC, path) of the learner's code files, symlinks not followed.

    Hidden files and folders (``.ipynb_checkpoints``, ``.git``, macOS ``._`` copies) and caches
    change without the learner editing anything, so they are left out. Names are NFC-normalised
    so that macOS and Linux copies of the same submission share a fingerprint.
    """
    for root, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not _is_skipped(name)]
        for name in files:
            if name.endswith(FINGERPRINTED_SUFFIXES) and not _is_skipped(name):
                path = Path(root, name)
                yield _nfc(path.relative_to(folder).as_posix()), path


def _is_skipped(name: str) -> bool:
    return name.startswith(".") or name in SKIPPED_FOLDERS
