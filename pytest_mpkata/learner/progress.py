"""A learner's progress through the katas: which are solved, which check to fix next.

Outcomes come from the ``CheckOutcome`` each kata check's report carries (``session.outcome``),
so progress is gathered wherever reports arrive: the only process under plain
pytest, the controller under xdist.  Which katas were solved in earlier runs is
kept in pytest's cache (``session.solved``).
"""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import pytest

from pytest_mpkata.learner.first_step import FIRST_STEP, STARTS_BROKEN, readme_first_step
from pytest_mpkata.session.outcome import CheckOutcome
from pytest_mpkata.session.solved import remember

if TYPE_CHECKING:
    from pytest_mpkata.kata.catalogue import Kata

__all__ = [
    "ALL_SOLVED",
    "COUNT",
    "NEXT",
    "NEXT_CHECK",
    "NEXT_EDIT",
    "NEXT_HINT",
    "NEXT_READ",
    "NEXT_RUN",
    "NOT_CHECKED",
    "NOT_RUN",
    "NOT_SOLVED",
    "NOT_STARTED",
    "PARTLY_SOLVED",
    "SOLVED",
    "SOLVED_EARLIER",
    "TITLE",
    "WRAP",
    "KataProgress",
    "Progress",
    "Where",
    "checks_in",
    "next_kata",
    "remember_solved",
    "render",
]

TITLE = "kata progress"
WRAP = 76
SOLVED = "solved"
PARTLY_SOLVED = "partly solved: {passed} of {total} checks pass"
NOT_SOLVED = "not solved: 0 of {total} checks pass"
NOT_STARTED = "not started"
NOT_RUN = "{passed} of {total} checks pass, {not_run} not run"
SOLVED_EARLIER = "solved (in an earlier run)"
NOT_CHECKED = "not checked in this run"
COUNT = "{solved} of {total} katas solved."
ALL_SOLVED = "Every kata is solved. Well done!"
NEXT = "Next: {label} ({title})"
NEXT_CHECK = "  {check} fails ({methods}):"
NEXT_READ = "  Read:  {readme}"
NEXT_EDIT = "  Edit:  {file}"
NEXT_RUN = "  Run:   {command}"
NEXT_HINT = "  Stuck? Add --mpkata-hint to see a hint."


@dataclass
class KataProgress:
    """One kata's checks in this run, and what an earlier run knew about it."""

    kata: Kata
    checks: list[str]
    outcomes: list[CheckOutcome] = field(default_factory=list)
    solved_earlier: bool = False

    def outcomes_of(self, check: str) -> list[CheckOutcome]:
        return [o for o in self.outcomes if o.check == check and o.outcome != "skipped"]

    def passes(self, check: str) -> bool:
        outcomes = self.outcomes_of(check)
        return bool(outcomes) and all(o.outcome == "passed" for o in outcomes)

    @property
    def ran(self) -> bool:
        return any(o.outcome != "skipped" for o in self.outcomes)

    @property
    def solved(self) -> bool:
        return self.ran and all(self.passes(check) for check in self.checks)

    @property
    def failed(self) -> bool:
        return any(o.outcome == "failed" for o in self.outcomes)

    @property
    def not_started(self) -> bool:
        """Every run did nothing (the untouched starter), or the file is missing."""
        ran = [o for o in self.outcomes if o.outcome != "skipped"]
        return bool(ran) and all(o.idle or o.missing for o in ran)

    @property
    def untouched(self) -> bool:
        """Every run did nothing: the starter as handed out (a missing file is not "untouched")."""
        ran = [o for o in self.outcomes if o.outcome != "skipped"]
        return bool(ran) and all(o.idle for o in ran)

    @property
    def known_solved(self) -> bool:
        """Solved in this run, or in an earlier run and no check of this run failed."""
        return self.solved or (self.solved_earlier and not self.failed)

    @property
    def state(self) -> str:
        if self.solved:
            return SOLVED
        if self.known_solved:
            return SOLVED_EARLIER
        if not self.ran:
            return NOT_CHECKED
        if self.not_started:
            return NOT_STARTED
        passed = sum(self.passes(check) for check in self.checks)
        not_run = sum(not self.outcomes_of(check) for check in self.checks)
        if not_run and not self.failed:
            return NOT_RUN.format(passed=passed, total=len(self.checks), not_run=not_run)
        if passed == 0:
            return NOT_SOLVED.format(total=len(self.checks))
        return PARTLY_SOLVED.format(passed=passed, total=len(self.checks))

    def first_failure(self, method_order: Iterable[str]) -> tuple[str, list[CheckOutcome]] | None:
        """The first failing check, in file order, with its failures in start-method order."""
        rank = {method: index for index, method in enumerate(method_order)}
        for check in self.checks:
            failures = [o for o in self.outcomes_of(check) if o.outcome == "failed"]
            if failures:
                return check, sorted(failures, key=lambda o: rank.get(o.start_method, len(rank)))
        return None


def checks_in(test_file: Path) -> list[str]:
    """The check functions a kata's test file defines, in file order (``test_*``)."""
    try:
        tree = ast.parse(test_file.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return []
    names: list[str] = []
    for node in tree.body:
        body = node.body if isinstance(node, ast.ClassDef) else [node]
        functions = [n for n in body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
        names += [n.name for n in functions if n.name.startswith("test")]
    return list(dict.fromkeys(names))


class Progress:
    """Collects check outcomes from reports and answers: which katas are solved, what next."""

    def __init__(self, rootpath: Path) -> None:
        self._rootpath = rootpath
        self._outcomes: list[CheckOutcome] = []
        self._test_files: dict[str, Path] = {}

    def add(self, report: pytest.TestReport) -> None:
        outcome = CheckOutcome.from_report(report)
        if outcome is None:
            return
        self._outcomes.append(outcome)
        self._test_files.setdefault(outcome.kata_id, self._rootpath / report.fspath)

    @property
    def ran(self) -> bool:
        return bool(self._outcomes)

    def katas(self, solved_earlier: set[str]) -> list[KataProgress]:
        """Every kata of the catalogues the run touched, in kata order."""
        progress = []
        for kata in self._catalogue():
            default_file = kata.directory / f"test_{kata.kata_id}.py"
            test_file = self._test_files.get(kata.kata_id, default_file)
            outcomes = [o for o in self._outcomes if o.kata_id == kata.kata_id]
            checks = checks_in(test_file)
            checks += [c for c in dict.fromkeys(o.check for o in outcomes) if c not in checks]
            progress.append(KataProgress(kata, checks, outcomes, kata.kata_id in solved_earlier))
        return progress

    def _catalogue(self) -> list[Kata]:
        from pytest_mpkata.kata.catalogue import kata_for_test_file, load_catalogue

        katas: dict[str, Kata] = {}
        for test_file in self._test_files.values():
            kata = kata_for_test_file(test_file)
            if kata is None:
                continue
            try:
                katas.update((k.kata_id, k) for k in load_catalogue(kata.directory.parent))
            except ValueError:
                katas[kata.kata_id] = kata
        return sorted(katas.values(), key=lambda kata: (kata.order, kata.kata_id))


# --- remembering solved katas between runs -------------------------------------------------


def remember_solved(cache: pytest.Cache | None, scope: str, katas: Iterable[KataProgress]) -> None:
    """Record what this run proved: solved katas, and katas with a failing check."""
    katas = list(katas)
    solved = [kata.kata.kata_id for kata in katas if kata.solved]
    failed = [kata.kata.kata_id for kata in katas if not kata.solved and kata.failed]
    remember(cache, scope, solved, failed)


# --- the summary ------------------------------------------------------------------------


@dataclass(frozen=True)
class Where:
    """How to point a learner at a kata: the file to edit and the command to rerun."""

    file_of: Callable[[Kata], str]
    command_of: Callable[[Kata], str]
    readme_of: Callable[[Kata], str]


def render(
    katas: list[KataProgress],
    verbose: bool,
    where: Where,
    method_order: Iterable[str],
    offer_hint: bool = True,
) -> list[str]:
    """The progress section: one line per kata (``-v``: per check), the count, the next step."""
    width = max((len(k.kata.label) for k in katas), default=0) + 2
    lines: list[str] = []
    for kata in katas:
        lines.append(f"{kata.kata.label:<{width}}{kata.state}")
        if verbose and kata.ran:
            lines += [f"    {line}" for line in _check_lines(kata)]
    solved = sum(kata.known_solved for kata in katas)
    lines += ["", COUNT.format(solved=solved, total=len(katas))]
    upcoming = next_kata(katas)
    if upcoming is None:
        return [*lines, ALL_SOLVED]
    lines += _next_step(upcoming, where, list(method_order))
    if offer_hint and upcoming.ran:
        lines.append(NEXT_HINT)
    return lines
    return lines


def _check_lines(kata: KataProgress) -> list[str]:
    lines = []
    for check in kata.checks:
        outcomes = kata.outcomes_of(check)
        if not outcomes:
            lines.append(f"--    {check} (not run)")
            continue
        failed = [o.start_method for o in outcomes if o.outcome == "failed"]
        passed = [o.start_method for o in outcomes if o.outcome == "passed"]
        detail = (
            f" (fails under {', '.join(failed)}; passes under {', '.join(passed)})"
            if (failed and passed)
            else ""
        )
        lines.append(f"{'FAIL' if failed else 'pass':<6}{check}{detail}")
    return lines


def next_kata(katas: list[KataProgress]) -> KataProgress | None:
    """The first unsolved kata this run checked, else the first unsolved kata of all."""
    unsolved = [kata for kata in katas if not kata.known_solved]
    return next((kata for kata in unsolved if kata.ran), unsolved[0] if unsolved else None)


def _indented(text: str) -> list[str]:
    return textwrap.wrap(text, WRAP, initial_indent="    ", subsequent_indent="    ", break_on_hyphens=False)


def _next_step(kata: KataProgress, where: Where, method_order: list[str]) -> list[str]:
    lines = [NEXT.format(label=kata.kata.label, title=kata.kata.title)]
    failure = kata.first_failure(method_order)
    step = readme_first_step(kata.kata.directory / "README.md") if kata.untouched else ""
    if step:
        lines.append(FIRST_STEP)
        lines += textwrap.wrap(
            step, WRAP, initial_indent="    ", subsequent_indent="    ", break_on_hyphens=False
        )
    elif failure is not None:
        check, outcomes = failure
        if kata.kata.starts_broken:
            lines += textwrap.wrap(STARTS_BROKEN, WRAP, subsequent_indent="  ", break_on_hyphens=False)
        methods = ", ".join(o.start_method for o in outcomes)
        lines.append(NEXT_CHECK.format(check=check, methods=methods))
        message = outcomes[0].message or "(no message)"
        lines += _indented(message)
    if kata.not_started or not kata.ran or kata.kata.starts_broken:
        lines.append(NEXT_READ.format(readme=where.readme_of(kata.kata)))
    lines.append(NEXT_EDIT.format(file=where.file_of(kata.kata)))
    lines.append(NEXT_RUN.format(command=where.command_of(kata.kata)))
    return lines
