"""A finding: what a check found wrong, as the learner reads it, with the kind of problem.

A ``Finding`` is a ``str`` (checks return a message or ``None``, and kata authors compare
messages as text) that also says which kind of problem it reports, e.g. ``no_log_file``.
Grading groups a check's failures by kind, so the same mistake under several start methods
reads as one, whatever pids and counts the message names.  A kind is stored in grades.json:
it is a stable name written beside its template (``Template``), never derived from where the
template happens to live or what it is called, so rewording or renaming a template keeps it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Optional

__all__ = ["EXCEPTION", "MESSAGE", "Finding", "Message", "Template", "Templates", "joined", "kind_of"]

Message = Optional[str]
"""What a check returns: ``None`` when it passes, else a finding (or a kata author's plain text)."""
MESSAGE = "message"
"""The kind of a finding whose template carries none (a kata author's plain text)."""
EXCEPTION = "exception"
"""The kind of a check that failed by raising, not by returning a finding."""


class Finding(str):
    """A check's message, with the kind of problem it reports."""

    kind: str

    def __new__(cls, text: str, kind: str) -> Finding:
        found = super().__new__(cls, text)
        found.kind = kind
        return found


class Template(Finding):
    """A message template and the stable kind of the findings it makes: ``Template(kind, text)``."""

    def __new__(cls, kind: str, text: str) -> Template:
        template = str.__new__(cls, text)
        template.kind = kind
        return template

    def found(self, **fields: object) -> Finding:
        """The template filled with the run's facts, as a finding of the template's kind."""
        return Finding(self.format(**fields), self.kind)


def kind_of(message: Optional[str], default: str = "") -> str:
    """The kind of a finding; a plain message (a kata author's own check) gets ``default``."""
    return getattr(message, "kind", "") or default


class Templates:
    """Formats a module's plain-string templates into findings whose kind is the template's name.

    Only for modules whose templates are still plain strings (``judge/course.py``): a template
    written as a ``Template`` keeps its own kind, whatever its name.
    """

    def __init__(self, namespace: Mapping[str, object]) -> None:
        self._namespace = namespace
        self._kinds: dict[str, str] = {}

    def __call__(self, template: str, **fields: object) -> Finding:
        if isinstance(template, Template):
            return template.found(**fields)
        if not self._kinds:
            self._kinds = {
                value: name.lower()
                for name, value in self._namespace.items()
                if name.isupper() and isinstance(value, str)
            }
        return Finding(template.format(**fields), self._kinds.get(template, MESSAGE))


def joined(*parts: Optional[str]) -> Optional[Finding]:
    """Parts joined by spaces, with the kind of the first part that has one."""
    present = [part for part in parts if part]
    if not present:
        return None
    kind = next((kind_of(part) for part in present if kind_of(part)), MESSAGE)
    return Finding(" ".join(present), kind)
