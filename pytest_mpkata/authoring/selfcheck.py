"""The catalogue's structural self-check: what every kata folder must be, without running it.

Each problem is one line: where, what is wrong, what to do.  ``python -m pytest_mpkata
check`` prints them; ``check --run`` adds what only running pytest proves (``selfrun``).
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

from pytest_mpkata.authoring.statement import has_section, with_sections
from pytest_mpkata.authoring.sync import (
    Repository,
    expected_solutions,
    generated_sections,
    is_copy,
    stray_solutions,
)
from pytest_mpkata.judge.central import ACTS
from pytest_mpkata.kata.catalogue import METADATA_FILE, SOLUTION_FILE, STATEMENT_FILE, Kata, load_kata
from pytest_mpkata.kata.inputs import InputNotNamed, with_chosen_inputs

__all__ = [
    "BAD_METADATA",
    "COLLECTED_EXAMPLE",
    "HEADER",
    "HINT_PRINTED",
    "ID_REPEATED",
    "INPUT_NOT_ASSIGNED",
    "MISSING_FILE",
    "MISSING_SECTION",
    "MISSING_SOLUTION",
    "NOT_A_KATA",
    "NO_CHECKS",
    "NO_HINTS",
    "NO_KATAS",
    "NO_KATAS_README",
    "NO_REJECTED_BY",
    "NO_STARTER_SHOWS",
    "NO_TEACHES",
    "ORDER_GAP",
    "ORDER_REPEATED",
    "REQUIRED",
    "STALE_SECTIONS",
    "STALE_SOLUTION",
    "STRAY_SOLUTION",
    "SYNC",
    "UNKNOWN_ACT",
    "UNKNOWN_CHECK",
    "UNPARSABLE",
    "WRONG_FOLDER",
    "check_catalogue",
    "check_names",
    "example_header",
]

SYNC = "run `python -m pytest_mpkata sync {katas}`"
NOT_A_KATA = "{path}: no kata.toml; add one (`python -m pytest_mpkata new <kata_id>` makes a kata folder)"
BAD_METADATA = "{error}"
UNKNOWN_ACT = "{path}: central names {act!r}, which is no act the judge knows; use one of: {acts}"
WRONG_FOLDER = "{path}: kata {kata_id} has order {order}; rename the folder to {expected} (`git mv`)"
ORDER_GAP = "{katas}: no kata has order {order}; orders must run 1 to {count}: renumber the katas after it"
ORDER_REPEATED = "{katas}: order {order} is used by {kata_ids}; give each kata its own order"
ID_REPEATED = "{katas}: id {kata_id} is used by {folders}; give each kata its own id"
MISSING_FILE = "{path}: missing; every kata has {what}"
NO_HINTS = "{path}: no hints; add `hints = [...]`, gentle first, near-solution last"
NO_TEACHES = '{path}: no `teaches`; add `teaches = "..."` (the tables show it), then ' + SYNC
NO_STARTER_SHOWS = (
    "{path}: starts_broken without `starter_shows`; add the words its starter's failure must say "
    '(e.g. starter_shows = "without holding its lock"), so `check --run` proves the starter teaches its bug'
)
NO_CHECKS = "{path}: no check function (`def test_...`); write the kata's checks"
INPUT_NOT_ASSIGNED = (
    "{path}: the checker cannot give its inputs other values ({problem}); the starter, the solution "
    "and every variant assign each constant of kata.toml's [inputs] once, at module level"
)
UNPARSABLE = "{path}: does not parse ({error}); fix it"
NO_REJECTED_BY = "{path}: the header names no check; add `# rejected-by: test_...` (one of: {checks})"
UNKNOWN_CHECK = "{path}: `# rejected-by: {check}` names no check of {test_file}; use one of: {checks}"
MISSING_SECTION = "{path}: no <!-- mpkata:{name} --> section; add its markers where it belongs, then " + SYNC
STALE_SECTIONS = "{path}: generated sections are out of date; " + SYNC
HINT_PRINTED = (
    "{path}: prints hint {number} of kata.toml; remove it (`--mpkata-hint` reveals them one by one)"
)
MISSING_SOLUTION = "{path}: missing; " + SYNC
STALE_SOLUTION = "{path}: differs from {original}; " + SYNC + " (edit solution.py, never solutions/)"
STRAY_SOLUTION = "{path}: belongs to no kata; " + SYNC + " (it removes it)"
NO_KATAS_README = "{path}: missing; the katas folder needs a README holding the <!-- mpkata:katas --> table"
NO_KATAS = "{katas}: no kata found; `python -m pytest_mpkata new <kata_id>` makes one"
COLLECTED_EXAMPLE = "{path}: pytest would collect it as checks of the kata; rename it (no test_ prefix)"
HEADER = re.compile(r"^# ([a-z-]+): ?(.*)$")
REQUIRED = (
    (METADATA_FILE, METADATA_FILE),
    (STATEMENT_FILE, f"a statement, {STATEMENT_FILE}"),
    ("{file_name}", "a starter, <kata_id>.py"),
    ("test_{kata_id}.py", "checks, test_<kata_id>.py"),
    (SOLUTION_FILE, f"a reference solution, {SOLUTION_FILE}"),
)


def check_catalogue(katas_dir: Path) -> list[str]:
    """Every structural problem of the katas under ``katas_dir``, one line each."""
    repo = Repository(katas_dir)
    katas, problems = _load(repo)
    if not katas and not problems:
        return [NO_KATAS.format(katas=repo.relative(katas_dir))]
    problems += _numbering(repo, katas)
    for kata in katas:
        problems += _kata_problems(repo, kata)
    problems += _generated_problems(repo, katas)
    return problems


def _load(repo: Repository) -> tuple[list[Kata], list[str]]:
    katas, problems = [], []
    for folder in sorted(p for p in repo.katas_dir.iterdir() if p.is_dir() and p.name[0] not in "._"):
        if not (folder / METADATA_FILE).is_file():
            problems.append(NOT_A_KATA.format(path=repo.relative(folder)))
            continue
        try:
            katas.append(load_kata(folder))
        except ValueError as error:
            problems.append(BAD_METADATA.format(error=error))
    return sorted(katas, key=lambda kata: (kata.order, kata.kata_id)), problems


def _numbering(repo: Repository, katas: Sequence[Kata]) -> list[str]:
    where = repo.relative(repo.katas_dir)
    problems = [
        WRONG_FOLDER.format(
            path=repo.relative(k.directory), kata_id=k.kata_id, order=k.order, expected=k.folder_name
        )
        for k in katas
        if k.directory.name != k.folder_name
    ]
    orders = Counter(kata.order for kata in katas)
    for order in range(1, len(katas) + 1):
        if order not in orders:
            problems.append(ORDER_GAP.format(katas=where, order=order, count=len(katas)))
    for order, count in sorted(orders.items()):
        if count > 1:
            ids = ", ".join(k.kata_id for k in katas if k.order == order)
            problems.append(ORDER_REPEATED.format(katas=where, order=order, kata_ids=ids))
    for kata_id, count in sorted(Counter(kata.kata_id for kata in katas).items()):
        if count > 1:
            folders = ", ".join(k.directory.name for k in katas if k.kata_id == kata_id)
            problems.append(ID_REPEATED.format(katas=where, kata_id=kata_id, folders=folders))
    return problems


def _kata_problems(repo: Repository, kata: Kata) -> list[str]:
    problems = []
    for pattern, what in REQUIRED:
        path = kata.directory / pattern.format(file_name=kata.file_name, kata_id=kata.kata_id)
        if not path.is_file():
            problems.append(MISSING_FILE.format(path=repo.relative(path), what=what))
    toml = repo.relative(kata.directory / METADATA_FILE)
    if not kata.hints:
        problems.append(NO_HINTS.format(path=toml))
    if not kata.teaches:
        problems.append(NO_TEACHES.format(path=toml, katas=repo.relative(repo.katas_dir)))
    if kata.starts_broken and not kata.starter_shows:
        problems.append(NO_STARTER_SHOWS.format(path=toml))
    for act in kata.central:
        if act not in ACTS:
            problems.append(UNKNOWN_ACT.format(path=toml, act=act, acts=", ".join(ACTS)))
    for example in (*kata.mutants, *kata.variants):
        if example.name.startswith("test") or example.stem.endswith("_test"):
            problems.append(COLLECTED_EXAMPLE.format(path=repo.relative(example)))
    if kata.test_file.is_file():
        problems += _mutant_problems(repo, kata)
    return problems + _input_problems(repo, kata)


def _input_problems(repo: Repository, kata: Kata) -> list[str]:
    """Every correct program of a kata with chosen inputs names each input, as its statement says."""
    problems = []
    for program in (kata.starter, kata.solution, *kata.variants) if kata.inputs else ():
        try:
            with_chosen_inputs(program.read_text(encoding="utf-8"), kata.inputs, program.name)
        except (OSError, InputNotNamed) as error:
            problem = error.message if isinstance(error, InputNotNamed) else str(error)
            problems.append(INPUT_NOT_ASSIGNED.format(path=repo.relative(program), problem=problem))
    return problems


def check_names(test_file: Path) -> list[str]:
    """The check functions a kata's test file defines (``def test_...`` at module level)."""
    tree = ast.parse(test_file.read_text(encoding="utf-8"), filename=str(test_file))
    return [
        node.name
        for node in tree.body
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test")
    ]


def example_header(path: Path) -> dict[str, str]:
    """The ``# key: value`` lines that open a mutant or a variant."""
    fields: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = HEADER.match(line)
        if not match:
            break
        fields[match.group(1)] = match.group(2).strip()
    return fields


def _mutant_problems(repo: Repository, kata: Kata) -> list[str]:
    test_file = repo.relative(kata.test_file)
    try:
        checks = check_names(kata.test_file)
    except SyntaxError as error:
        return [UNPARSABLE.format(path=test_file, error=error.msg)]
    if not checks:
        return [NO_CHECKS.format(path=test_file)]
    problems = []
    for mutant in kata.mutants:
        named = example_header(mutant).get("rejected-by", "")
        facts = {"path": repo.relative(mutant), "checks": ", ".join(checks), "test_file": test_file}
        if not named:
            problems.append(NO_REJECTED_BY.format(**facts))
        elif named not in checks:
            problems.append(UNKNOWN_CHECK.format(check=named, **facts))
    return problems


def _generated_problems(repo: Repository, katas: Sequence[Kata]) -> list[str]:
    katas_dir = repo.relative(repo.katas_dir)
    problems = []
    if not repo.katas_readme.is_file():
        problems.append(NO_KATAS_README.format(path=repo.relative(repo.katas_readme)))
    for path, sections in generated_sections(repo, katas).items():
        text = path.read_text(encoding="utf-8")
        missing = [s.name for s in sections if not has_section(text, s)]
        for name in missing:
            problems.append(MISSING_SECTION.format(path=repo.relative(path), name=name, katas=katas_dir))
        if not missing and with_sections(text, sections) != text:
            problems.append(STALE_SECTIONS.format(path=repo.relative(path), katas=katas_dir))
    problems += list(_printed_hints(repo, katas))
    for copy, original in expected_solutions(repo, katas).items():
        facts = {"path": repo.relative(copy), "original": repo.relative(original), "katas": katas_dir}
        if not copy.is_file():
            problems.append(MISSING_SOLUTION.format(**facts))
        elif not is_copy(copy, original):
            problems.append(STALE_SOLUTION.format(**facts))
    for stray in stray_solutions(repo, katas):
        problems.append(STRAY_SOLUTION.format(path=repo.relative(stray), katas=katas_dir))
    return problems


def _printed_hints(repo: Repository, katas: Sequence[Kata]) -> Iterator[str]:
    for kata in katas:
        if not kata.statement.is_file():
            continue
        statement = kata.statement.read_text(encoding="utf-8")
        for number, hint in enumerate(kata.hints, start=1):
            if hint.strip() and hint.strip() in statement:
                yield HINT_PRINTED.format(path=repo.relative(kata.statement), number=number)
