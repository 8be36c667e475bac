"""The picture's text: lines cut or wrapped to its width, durations, calls and exit codes as shown.

Shared by the picture's sections (``picture``, ``picture_tree``): ASCII only, at most ``WIDTH``
columns, so a picture survives a copy-paste into a forum post.
"""

from __future__ import annotations

import re
import signal
import textwrap

__all__ = ["ELLIPSIS", "WIDTH", "call", "exit_text", "fit", "more", "seconds", "short_args", "wrap"]

WIDTH = 72
ELLIPSIS = "..."
_SHARED = (
    (re.compile(r"<SynchronizedArray wrapper for <[^>]*>>"), "<Array>"),
    (re.compile(r"<Synchronized\w* wrapper for [^>]*>"), "<Value>"),
)
_OBJECT_AT = re.compile(r" (?:object )?at 0x[0-9a-fA-F]+")
_DOTTED = re.compile(r"<(?:[A-Za-z_]\w*\.)+")


def fit(text: str, width: int = WIDTH) -> str:
    """Cut a line to ``width`` columns, marking the cut."""
    text = text.rstrip()
    return text if len(text) <= width else text[: width - len(ELLIPSIS)].rstrip() + ELLIPSIS


def wrap(note: str) -> list[str]:
    """Notes carry whole error messages: wrap them rather than cut them."""
    return textwrap.wrap(note, WIDTH, subsequent_indent="  ", break_on_hyphens=False) or [""]


def seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.1f} s"


def short_args(args: str | None) -> str:
    """``(1, <SimpleQueue object at 0x7f>)`` -> ``1, <SimpleQueue>``: what a learner passed."""
    if not args:
        return ""
    text = args
    for pattern, short in _SHARED:
        text = pattern.sub(short, text)
    text = _DOTTED.sub("<", _OBJECT_AT.sub("", text))
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].rstrip(",")
    return text


def call(function: str | None, args: str | None) -> str:
    if not function or function.startswith("multiprocessing."):
        return ""
    return f"{function}({short_args(args)})"


def exit_text(code: int | None, stopped: bool = False) -> str:
    """The exit column: the code (with its signal), ``killed`` when the run was stopped."""
    if code is None:
        return "killed" if stopped else "?"
    if code < 0:
        try:
            return f"{code} {signal.Signals(-code).name[3:]}"
        except ValueError:
            return str(code)
    return str(code)


def more(count: int, what: str) -> str:
    return f"... and {count} more {what}"
