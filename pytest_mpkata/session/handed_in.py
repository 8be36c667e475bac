"""What a learner handed in instead of the kata's file: a misnamed copy, or a file that is not Python text.

A learner who names ``Create_Process.py``, ``createprocess.py`` or ``create_process.py.txt`` has
done the work and should hear "did you mean", not "not submitted"; a word-processor file or an
image saved as ``create_process.py`` should hear what it is, not "fix the syntax error".
"""

from __future__ import annotations

import difflib
import io
import itertools
import re
import tokenize
from pathlib import Path
from typing import Optional

__all__ = [
    "DID_YOU_MEAN",
    "IGNORED_FOLDERS",
    "NOT_PYTHON_TEXT",
    "is_submission_folder",
    "likely_meant",
    "not_python_text",
]

IGNORED_FOLDERS = frozenset({"__MACOSX", "__pycache__", ".git", ".ipynb_checkpoints"})
"""Folders tools leave beside the students' (archives, caches, version control): not students."""
DID_YOU_MEAN = " Did you mean `{found}`? Rename it to `{file_name}`."
NOT_PYTHON_TEXT = (
    "{file_name} is not Python text ({why}): hand in the program itself, saved as plain text "
    "from your editor, as {file_name}."
)
MAX_LISTED = 500
"""How many entries of a submission folder are looked at: a folder is input, and may be huge."""
MAX_READ = 1 << 20
CLOSE_ENOUGH = 0.85
_NOT_LETTERS = re.compile(r"[\W_]+")


def _key(name: str) -> str:
    """``Create_Process.py.txt`` and ``create-process.PY`` both give ``createprocess``."""
    stem = name.lower().split(".py")[0] if ".py" in name.lower() else name.lower().rsplit(".", 1)[0]
    return _NOT_LETTERS.sub("", stem)


def likely_meant(folder: Path, file_name: str) -> Optional[str]:
    """The name of a file in ``folder`` that looks like ``file_name`` misnamed, or None."""
    try:
        names = [p.name for p in itertools.islice(folder.iterdir(), MAX_LISTED) if p.is_file()]
    except OSError:
        return None
    wanted = _key(file_name)
    keys = {_key(name): name for name in sorted(names) if name != file_name and _key(name)}
    if wanted in keys:
        return keys[wanted]
    close = difflib.get_close_matches(wanted, list(keys), n=1, cutoff=CLOSE_ENOUGH)
    return keys[close[0]] if close else None


def not_python_text(path: Path) -> str:
    """Why ``path`` is no Python source (``binary``, ``not UTF-8``), or "" when it reads as text."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_READ)
    except OSError as error:
        return f"unreadable: {error.strerror or type(error).__name__}"
    if b"\0" in data:
        return "binary: it holds NUL bytes"
    try:
        encoding = tokenize.detect_encoding(io.BytesIO(data).readline)[0]  # a coding line may name one
        data.decode(encoding)
    except SyntaxError:
        return "not UTF-8 text, and its coding line names no encoding Python knows"
    except UnicodeDecodeError as error:
        if len(data) < MAX_READ or error.start < len(data) - 4:  # a character cut by MAX_READ is no proof
            return f"not UTF-8 text: byte {error.start + 1} is {data[error.start]:#04x}"
    return ""


def is_submission_folder(path: Path) -> bool:
    """A folder that holds one learner's work: not hidden, not left by a tool."""
    return path.is_dir() and path.name not in IGNORED_FOLDERS and not path.name.startswith(".")
