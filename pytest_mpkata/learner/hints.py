"""Reveal a kata's hints one at a time, gentle to specific, remembering how many were shown.

The count of hints shown for a kata lives in pytest's cache under
``mpkata/hints/<kata_id>``, so each ``--mpkata-hint`` run reveals the next one;
after the last, the last is shown again and says so.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pytest_mpkata.kata.catalogue import Kata

__all__ = [
    "HINT",
    "HINT_CACHE_KEY",
    "LAST_HINT",
    "NEXT_ONE",
    "NOT_REMEMBERED",
    "NO_HINTS",
    "NO_HINT_NEEDED",
    "WAS_LAST",
    "WRAP",
    "Hint",
    "render",
    "reveal_next",
    "shown_count",
]

HINT_CACHE_KEY = "mpkata/hints/{kata_id}"
WRAP = 76
HINT = "Hint {number} of {total} for {label}:"
LAST_HINT = "Last hint ({number} of {total}) for {label}:"
NEXT_ONE = "  (--mpkata-hint again shows the next one)"
WAS_LAST = "  (that is the last hint; README.md walks through the whole task)"
NO_HINTS = "{label} has no hints: read its README.md."
NOT_REMEMBERED = "  (pytest's cache is off, so the next run shows this hint again)"
NO_HINT_NEEDED = "No hint needed: no kata failed in this run."


@dataclass(frozen=True)
class Hint:
    """One hint of a kata, numbered from 1."""

    kata: Kata
    number: int

    @property
    def total(self) -> int:
        return len(self.kata.hints)

    @property
    def text(self) -> str:
        return self.kata.hints[self.number - 1]

    @property
    def last(self) -> bool:
        return self.number >= self.total


def shown_count(cache: pytest.Cache | None, kata: Kata) -> int:
    """How many of this kata's hints earlier runs revealed."""
    if cache is None:
        return 0
    count = cache.get(HINT_CACHE_KEY.format(kata_id=kata.kata_id), 0)
    return count if isinstance(count, int) and count >= 0 else 0


def reveal_next(cache: pytest.Cache | None, kata: Kata) -> Hint | None:
    """The next hint to show (the last one again once all were shown); remember it was shown."""
    if not kata.hints:
        return None
    number = min(shown_count(cache, kata) + 1, len(kata.hints))
    if cache is not None:
        cache.set(HINT_CACHE_KEY.format(kata_id=kata.kata_id), number)
    return Hint(kata, number)


def render(kata: Kata, hint: Hint | None, remembered: bool) -> list[str]:
    """The lines that show one kata's hint."""
    if hint is None:
        return [NO_HINTS.format(label=kata.label)]
    template = LAST_HINT if hint.last else HINT
    lines = [template.format(number=hint.number, total=hint.total, label=kata.label)]
    lines += textwrap.wrap(
        hint.text, WRAP, initial_indent="  ", subsequent_indent="  ", break_on_hyphens=False
    )
    if not remembered:
        lines.append(NOT_REMEMBERED)
    else:
        lines.append(WAS_LAST if hint.last else NEXT_ONE)
    return lines
