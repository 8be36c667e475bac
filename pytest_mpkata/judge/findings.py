"""A finding: what a check found wrong, as the learner reads it, with the kind of problem.

A ``Finding`` is a ``str`` (checks return a message or ``None``, and kata authors compare
messages as text) that also says which kind of problem it reports, e.g. ``no_log_file``.
Grading groups a check's failures by kind, so the same mistake under several start methods
reads as one, whatever pids and counts the message names.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Optional


class Finding(str):
    """A check's message, with the kind of problem it reports."""

    kind: str

    def __new__(cls, text: str, kind: str) -> Finding:
        found = super().__new__(cls, text)
        found.kind = kind
        return found


def kind_of(message: Optional[str], default: str = "") -> str:
    """The kind of a finding; a plain message (a kata author's own check) gets ``default``."""
    return getattr(message, "kind", "") or default


class Templates:
    """Formats a module's message templates into findings whose kind is the template's name."""

    def __init__(self, namespace: Mapping[str, object]) -> None:
        self._namespace = namespace
        self._kinds: dict[str, str] = {}

    def __call__(self, template: str, **fields: object) -> Finding:
        if not self._kinds:
            self._kinds = {
                value: name.lower()
                for name, value in self._namespace.items()
                if name.isupper() and isinstance(value, str)
            }
        return Finding(template.format(**fields), self._kinds.get(template, "message"))


def joined(*parts: Optional[str]) -> Optional[Finding]:
    """Parts joined by spaces, with the kind of the first part that has one."""
    present = [part for part in parts if part]
    if not present:
        return None
    kind = next((kind_of(part) for part in present if kind_of(part)), "message")
    return Finding(" ".join(present), kind)
