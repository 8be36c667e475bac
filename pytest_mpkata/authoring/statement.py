"""The generated parts of the katas' README files, rendered from the catalogue.

A generated part sits between marker comments, ``<!-- mpkata:NAME -->`` and
``<!-- /mpkata:NAME -->``; everything outside the markers is written by hand and kept.
Each kata's README gets its rules (one shared template, ``rules.md``, filled with the
kata's file name and time limit), how to reveal its hints (never the hints themselves:
``--mpkata-hint`` shows them one at a time) and how to run its checks; the katas
README and the project README get the table of katas.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from string import Template

from pytest_mpkata.kata.catalogue import Kata

__all__ = [
    "EXACT_LOG_LINES",
    "HINTS",
    "KATAS_TABLE_HEAD",
    "KATAS_TABLE_ROW",
    "KATAS_TIME_LIMIT",
    "LOG_LINES",
    "PROJECT_TABLE_HEAD",
    "PROJECT_TABLE_ROW",
    "RULES_TEMPLATE",
    "RUN",
    "Section",
    "has_section",
    "kata_path",
    "kata_sections",
    "katas_sections",
    "project_sections",
    "rules",
    "seconds",
    "with_section",
    "with_sections",
]

RULES_TEMPLATE = Path(__file__).with_name("rules.md")
KATAS_TIME_LIMIT = "its time limit (`time_limit` in the kata's `kata.toml`)"
LOG_LINES = (
    "test.log must hold each line the task asks for, once; other lines you log (progress, "
    "debugging) are accepted."
)
EXACT_LOG_LINES = (
    "test.log must hold exactly the lines the task asks for, each once, and no other line: "
    "here the set of lines is the answer."
)
HINTS = (
    "This kata has {count}, from a gentle nudge to a near-solution. When you are stuck, reveal them\n"
    "one at a time; each run shows the next one:\n"
    "\n"
    "```\n"
    "pytest {path} --mpkata-hint\n"
    "```"
)
RUN = "```\npytest {path}\npytest {katas} -k {kata_id}\n```"
KATAS_TABLE_HEAD = "| # | id | title | what it teaches |\n| --- | --- | --- | --- |"
KATAS_TABLE_ROW = "| {order} | `{kata_id}` | {title} | {teaches} |"
PROJECT_TABLE_HEAD = "| # | kata | what it teaches |\n|---|------|-----------------|"
PROJECT_TABLE_ROW = "| {order:02d} | `{kata_id}` | {teaches} |"


@dataclass(frozen=True)
class Section:
    """One generated part of a README: its marker name, heading (kept by hand) and text."""

    name: str
    heading: str
    body: str

    @property
    def start(self) -> str:
        return f"<!-- mpkata:{self.name} -->"

    @property
    def end(self) -> str:
        return f"<!-- /mpkata:{self.name} -->"

    @property
    def block(self) -> str:
        return f"{self.start}\n{self.body}\n{self.end}"


def rules(file_name: str, time_limit: str, exact_log: bool = False) -> str:
    """The rules every kata's program follows, for one file name and time limit.

    ``exact_log`` (``exact_log = true`` in a kata.toml) says that test.log may hold only the
    lines asked for; the kata's checks then pass ``exact=True`` to ``log_has_lines``.
    """
    template = Template(RULES_TEMPLATE.read_text(encoding="utf-8"))
    log_lines = EXACT_LOG_LINES if exact_log else LOG_LINES
    return template.substitute(file_name=file_name, time_limit=time_limit, log_lines=log_lines).rstrip("\n")


def seconds(limit: float) -> str:
    return f"{limit:g} second" + ("" if limit == 1 else "s")


def kata_path(kata: Kata) -> str:
    """The kata's folder as a learner types it from the repository root."""
    return f"{kata.directory.parent.name}/{kata.directory.name}"


def kata_sections(kata: Kata) -> tuple[Section, ...]:
    """The generated parts of one kata's README."""
    count = f"{len(kata.hints)} hint" + ("" if len(kata.hints) == 1 else "s")
    run = RUN.format(path=kata_path(kata), katas=kata.directory.parent.name, kata_id=kata.kata_id)
    return (
        Section("rules", "## Rules", rules(kata.file_name, seconds(kata.time_limit), kata.exact_log)),
        Section("hints", "## Hints", HINTS.format(count=count, path=kata_path(kata))),
        Section("run", "## Run the checks", run),
    )


def katas_sections(katas: Sequence[Kata]) -> tuple[Section, ...]:
    """The generated parts of the katas folder's README: the table and the shared rules."""
    rows = [KATAS_TABLE_ROW.format(**_fields(kata)) for kata in katas]
    return (
        Section("katas", "", "\n".join([KATAS_TABLE_HEAD, *rows])),
        Section("rules", "## Rules for every kata", rules("<kata_id>.py", KATAS_TIME_LIMIT)),
    )


def project_sections(katas: Sequence[Kata]) -> tuple[Section, ...]:
    """The generated part of the project's README: the table of katas."""
    rows = [PROJECT_TABLE_ROW.format(**_fields(kata)) for kata in katas]
    return (Section("katas", "", "\n".join([PROJECT_TABLE_HEAD, *rows])),)


def _fields(kata: Kata) -> dict[str, object]:
    return {"order": kata.order, "kata_id": kata.kata_id, "title": kata.title, "teaches": kata.teaches}


def _pattern(section: Section) -> re.Pattern[str]:
    return re.compile(re.escape(section.start) + r".*?" + re.escape(section.end), re.DOTALL)


def has_section(text: str, section: Section) -> bool:
    return _pattern(section).search(text) is not None


def with_section(text: str, section: Section) -> str:
    """``text`` with ``section`` brought up to date; appended under its heading if absent."""
    if has_section(text, section):
        return _pattern(section).sub(lambda _: section.block, text, count=1)
    heading = f"{section.heading}\n\n" if section.heading else ""
    return f"{text.rstrip()}\n\n{heading}{section.block}\n"


def with_sections(text: str, sections: Sequence[Section]) -> str:
    for section in sections:
        text = with_section(text, section)
    return text
