"""The environment stamp: where and with what a class was graded, recorded in every report.

A grade depends on more than the learner's code: the Python that ran it, the start methods
available, the sandbox, the katas' checks.  Every grades.json, results.json and feedback.md
carries the stamp, so a disputed grade can be traced to its environment, and a regrade in a
different one says so.
"""

from __future__ import annotations

import hashlib
import os
import platform
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from importlib import metadata
from typing import Optional

from pytest_mpkata.kata.catalogue import METADATA_FILE, Kata

__all__ = [
    "CHANGE",
    "CHANGED_LINE",
    "DISTRIBUTION",
    "LABELS",
    "SANDBOX_OFF",
    "SHORT_HASH_CHARS",
    "STAMP_LINE",
    "UNKNOWN",
    "EnvironmentStamp",
    "changes_since",
    "current_stamp",
    "differences",
    "katas_hash",
    "plugin_version",
    "sandbox_state",
]

DISTRIBUTION = "pytest-mpkata"
UNKNOWN = "unknown"
SANDBOX_OFF = "off"
SHORT_HASH_CHARS = 12

STAMP_LINE = (
    "Graded by pytest-mpkata {plugin_version} with {python_implementation} {python_version} on "
    "{platform} ({cpu_count} CPUs), start methods {methods}, sandbox {sandbox}, katas {katas}."
)
CHANGED_LINE = "graded earlier with {changes}"
CHANGE = "{label} {before}, now {after}"
LABELS = {
    "plugin_version": "pytest-mpkata",
    "python_implementation": "Python implementation",
    "python_version": "Python",
    "platform": "platform",
    "cpu_count": "CPUs:",
    "start_methods": "start methods",
    "sandbox": "sandbox",
    "katas_hash": "katas",
}
"""How each field reads in "graded earlier with Python 3.11.7, now 3.12.1"."""


@dataclass(frozen=True)
class EnvironmentStamp:
    """The facts of a grading environment that can change a grade."""

    plugin_version: str
    python_version: str
    python_implementation: str
    platform: str
    cpu_count: int
    start_methods: tuple[str, ...]
    sandbox: str
    katas_hash: str

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["start_methods"] = list(self.start_methods)
        return data

    @classmethod
    def from_dict(cls, data: object) -> Optional[EnvironmentStamp]:
        """The stamp a report recorded, or None when it has none (or a damaged one)."""
        if not isinstance(data, Mapping):
            return None
        try:
            values = {field.name: data[field.name] for field in fields(cls)}
            values["start_methods"] = tuple(str(method) for method in values["start_methods"])
            values["cpu_count"] = int(values["cpu_count"])
            return cls(**values)
        except (KeyError, TypeError, ValueError):
            return None

    def line(self) -> str:
        """One sentence for feedback.md and results.json."""
        return STAMP_LINE.format(
            **{**asdict(self), "methods": ", ".join(self.start_methods), "katas": self.short_hash}
        )

    @property
    def short_hash(self) -> str:
        return self.katas_hash[:SHORT_HASH_CHARS]


def current_stamp(start_methods: Iterable[str], sandbox: object, katas: Iterable[Kata]) -> EnvironmentStamp:
    """The stamp of this process's environment, grading ``katas`` under ``start_methods``."""
    return EnvironmentStamp(
        plugin_version=plugin_version(),
        python_version=platform.python_version(),
        python_implementation=platform.python_implementation(),
        platform=platform.platform(terse=True),
        cpu_count=os.cpu_count() or 1,
        start_methods=tuple(start_methods),
        sandbox=sandbox_state(sandbox),
        katas_hash=katas_hash(katas),
    )


def plugin_version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return UNKNOWN


def sandbox_state(sandbox: object) -> str:
    """Settings may carry a sandbox (``None``/``False`` when off, else its name or ``True``)."""
    if sandbox in (None, False, "", SANDBOX_OFF):
        return SANDBOX_OFF
    return "on" if sandbox is True else str(sandbox)


def katas_hash(katas: Iterable[Kata]) -> str:
    """A sha256 of what grades a kata: its ``kata.toml`` and its checks, for every kata, by id."""
    digest = hashlib.sha256()
    for kata in sorted(katas, key=lambda k: k.kata_id):
        digest.update(kata.kata_id.encode() + b"\0")
        for path in (kata.directory / METADATA_FILE, kata.test_file):
            content = path.read_bytes() if path.is_file() else b""
            digest.update(hashlib.sha256(content).digest())
    return digest.hexdigest()


def changes_since(before: EnvironmentStamp, after: EnvironmentStamp) -> str:
    """Say "graded earlier with Python 3.11.7, now 3.12.1; ...", or "" when nothing changed."""
    changes = differences(before, after)
    return CHANGED_LINE.format(changes="; ".join(changes)) if changes else ""


def differences(before: EnvironmentStamp, after: EnvironmentStamp) -> list[str]:
    """Each differing fact as "Python 3.11.7, now 3.12.1"."""
    return [
        CHANGE.format(label=LABELS[name], before=_shown(name, old), after=_shown(name, new))
        for name, old, new in _differing(before, after)
    ]


def _differing(before: EnvironmentStamp, after: EnvironmentStamp) -> list[tuple[str, object, object]]:
    old, new = asdict(before), asdict(after)
    return [(name, old[name], new[name]) for name in LABELS if old[name] != new[name]]


def _shown(name: str, value: object) -> str:
    if name == "start_methods":
        return "/".join(value) if isinstance(value, tuple) else str(value)
    if name == "katas_hash":
        return str(value)[:SHORT_HASH_CHARS]
    return str(value)
