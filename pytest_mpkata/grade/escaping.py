"""Text from a submission, shown in a report: as it was written, never acting as markup or a formula.

A folder name or a program's output is input: in ``grades.csv`` a cell starting with ``=`` is a
formula to a spreadsheet; in ``feedback.md`` a line starting with ``#`` is a heading, ``- `` a list,
``https://`` a link; on a terminal an escape sequence clears the screen.  Every writer of a report
passes such text through one function here.
"""

from __future__ import annotations

import re

from pytest_mpkata.session.untrusted import visible

__all__ = ["csv_cell", "fenced_text", "markdown_text", "markdown_with_code"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet cell a formula (OWASP's CSV injection list)."""
FORMULA_GUARD = "'"
MARKDOWN_SPECIALS = frozenset("\\`*_[]<>#|~!")
BLOCK_START = re.compile(r"^(\s*\d*)([-+=>.)])", re.MULTILINE)
"""A line that would open a list, a quote, a setext heading or a numbered list."""
AUTOLINK = re.compile(r"(?i)(https?|ftp|mailto|file)(:)|(www)(\.)|(@)")


def csv_cell(text: str) -> str:
    """``text`` as a spreadsheet shows it: a leading ``'`` where it would start a formula, controls shown."""
    shown = visible(text, keep_newlines=False)
    return FORMULA_GUARD + shown if text.startswith(FORMULA_STARTS) else shown


def markdown_text(text: str, single_line: bool = False) -> str:
    """Show ``text`` literally in Markdown: no heading, list, link, emphasis or control character."""
    shown = visible(text, keep_newlines=not single_line)
    escaped = "".join(f"\\{char}" if char in MARKDOWN_SPECIALS else char for char in shown)
    escaped = AUTOLINK.sub(_escape_last, escaped)
    return BLOCK_START.sub(lambda match: f"{match.group(1)}\\{match.group(2)}", escaped)


def markdown_with_code(text: str) -> str:
    """A message as Markdown: its `code spans` kept as code, the rest shown literally.

    With an unpaired backtick no span can be trusted, and the whole text is shown literally.
    """
    parts = text.split("`")
    if len(parts) % 2 == 0:
        return markdown_text(text)
    return "".join(
        f"`{visible(part, keep_newlines=False)}`" if index % 2 else markdown_text(part)
        for index, part in enumerate(parts)
    )


def _escape_last(match: re.Match[str]) -> str:
    """``https\\://`` and ``www\\.`` and ``\\@``: no autolink starts there."""
    text = match.group(0)
    return text[:-1] + "\\" + text[-1]


def fenced_text(text: str) -> list[str]:
    """A fenced ``text`` block, with a fence longer than any run of backticks inside the text."""
    shown = visible(text)
    fence = "`" * max(3, _longest_backtick_run(shown) + 1)
    return [f"{fence}text", *shown.rstrip("\n").splitlines(), fence]


def _longest_backtick_run(text: str) -> int:
    longest = current = 0
    for char in text:
        current = current + 1 if char == "`" else 0
        longest = max(longest, current)
    return longest
