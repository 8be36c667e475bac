"""What an answer takes from earlier, unrelated cells: imports, definitions, files, logging setup.

Only imports are carried into the program, each with a note: the answer only worked because of
an earlier cell. Definitions and logging setup are not carried, and a note says why the program
lacks them. ``%%writefile`` cells that write a module the answer imports come along too.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

from pytest_mpkata.notebook.cells import CellProgram, program_text, quiet_cell_program
from pytest_mpkata.notebook.questions import Question
from pytest_mpkata.notebook.reading import NotebookCell, parse_quietly, shown

__all__ = ["Borrowing", "CarriedImport", "borrowing", "bound_names", "imported_modules", "used_names"]

CARRIED_IMPORT_NOTE = (
    "Your answer uses {names} (imported in cell {cell} as `{statement}`): it only works because "
    "of an earlier cell's import. Put the imports your answer needs in its own cell."
)
EARLIER_DEFINITION_NOTE = (
    "Your answer uses {names}, defined in cell {cell}, which is not part of this answer: the "
    "program built from your answer does not have it. Put everything your answer needs in its "
    "own cells."
)
EARLIER_LOGGING_SETUP_NOTE = (
    "Cell {cell} sets up logging (`{call}`), but that cell is not part of this answer, so the "
    "program built from your answer runs without that setup. Put the `logging.basicConfig(...)` "
    "call in your answer's cells."
)


@dataclass(frozen=True)
class EarlierName:
    """A name that an earlier, unrelated cell provides: by a top-level import or a definition."""

    name: str
    cell: int
    line: int
    statement: Optional[Union[ast.Import, ast.ImportFrom]] = None
    alias: Optional[ast.alias] = None


def used_names(tree: ast.AST) -> set[str]:
    """Every name the code reads."""
    return {
        node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
    }


def bound_names(tree: ast.AST) -> set[str]:
    """Every name the code binds anywhere (scopes ignored: a borrowed name is carried rarely)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update(alias_binding(alias, node) for alias in node.names)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
    return names


def alias_binding(alias: ast.alias, statement: Union[ast.Import, ast.ImportFrom]) -> str:
    """The name an import binds: ``import os.path`` binds ``os``, ``as`` names win."""
    if alias.asname:
        return alias.asname
    return alias.name.split(".")[0] if isinstance(statement, ast.Import) else alias.name


def borrowed_names(programs: Sequence[CellProgram]) -> list[str]:
    """Names the answer reads but neither binds nor gets from builtins, in a stable order."""
    tree = parse_quietly(program_text(programs))
    borrowed = used_names(tree) - bound_names(tree) - set(dir(builtins))
    return sorted(borrowed)


def earlier_names(programs: Sequence[CellProgram]) -> dict[str, EarlierName]:
    """What earlier cells provide at top level; a later cell wins, as when run top to bottom."""
    provided: dict[str, EarlierName] = {}
    for program in programs:
        try:
            tree = parse_quietly(program_text([program]))
        except SyntaxError:
            continue
        for statement in tree.body:
            provided.update((found.name, found) for found in provided_by(statement, program))
    return provided


def provided_by(statement: ast.stmt, program: CellProgram) -> Iterator[EarlierName]:
    """The names one top-level statement of an earlier cell provides."""
    cell, line = program.number, program.lines[statement.lineno - 1].origin[1]
    if isinstance(statement, (ast.Import, ast.ImportFrom)):
        for alias in statement.names:
            if alias.name != "*":
                yield EarlierName(alias_binding(alias, statement), cell, line, statement, alias)
    elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        yield EarlierName(statement.name, cell, line)
    elif isinstance(statement, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        for target in ast.walk(statement):
            if isinstance(target, ast.Name) and isinstance(target.ctx, ast.Store):
                yield EarlierName(target.id, cell, line)


@dataclass(frozen=True)
class CarriedImport:
    """An import statement copied from an earlier cell, reduced to the names the answer uses."""

    cell: int
    line: int
    statement: str
    names: tuple[str, ...]


def carried_imports(borrowed: Sequence[EarlierName]) -> tuple[CarriedImport, ...]:
    """Group borrowed imported names by their statement, and rebuild each statement with them."""
    groups: dict[tuple[int, int], list[EarlierName]] = {}
    for found in borrowed:
        if found.statement is not None:
            groups.setdefault((found.cell, found.line), []).append(found)
    return tuple(
        CarriedImport(cell, line, import_text(names), tuple(found.name for found in names))
        for (cell, line), names in sorted(groups.items())
    )


def import_text(names: Sequence[EarlierName]) -> str:
    """One import statement binding just these names, as the learner would write it."""
    statement = names[0].statement
    aliases = [found.alias for found in names if found.alias is not None]
    if isinstance(statement, ast.ImportFrom):
        rebuilt: ast.stmt = ast.ImportFrom(statement.module, aliases, statement.level)
    else:
        rebuilt = ast.Import(aliases)
    return ast.unparse(rebuilt)


def quoted_names(names: Sequence[str]) -> str:
    """Names as the learner reads them in a note: `a`, `b` and `c`."""
    quoted = [f"`{name}`" for name in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def carried_import_note(carried: CarriedImport) -> str:
    """The note telling the learner the answer leans on another cell's import."""
    return CARRIED_IMPORT_NOTE.format(
        names=quoted_names(carried.names), cell=carried.cell, statement=carried.statement
    )


def earlier_definition_notes(borrowed: Sequence[EarlierName]) -> list[str]:
    """Notes for names defined (not imported) by earlier cells: the program lacks them."""
    by_cell: dict[int, list[str]] = {}
    for found in borrowed:
        if found.statement is None:
            by_cell.setdefault(found.cell, []).append(found.name)
    return [
        EARLIER_DEFINITION_NOTE.format(names=quoted_names(names), cell=cell)
        for cell, names in sorted(by_cell.items())
    ]


def basic_config_calls(tree: ast.AST) -> list[ast.Call]:
    """Calls of ``logging.basicConfig`` (or a bare ``basicConfig``) in the code."""
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and called_name(node.func) == "basicConfig"
    ]


def called_name(function: ast.expr) -> str:
    """The last name of what a call calls: ``logging.basicConfig`` gives "basicConfig"."""
    if isinstance(function, ast.Attribute):
        return function.attr
    return function.id if isinstance(function, ast.Name) else ""


def logging_setup_notes(earlier: Sequence[CellProgram], answer: Sequence[CellProgram]) -> list[str]:
    """A note when the answer logs but only an earlier, unrelated cell configured logging.

    Only imports are carried over, so the program would log nowhere: the learner must know why.
    """
    answer_tree = parse_quietly(program_text(answer))
    uses_logging = "logging" in used_names(answer_tree) | imported_modules(answer_tree)
    if not uses_logging or basic_config_calls(answer_tree):
        return []
    setups = [
        EARLIER_LOGGING_SETUP_NOTE.format(cell=program.number, call=shown(ast.unparse(call)))
        for program in earlier
        for call in basic_config_calls(parse_quietly(program_text([program])))
    ]
    return setups[:1]  # the first basicConfig call is the one that takes effect


def imported_modules(tree: ast.AST) -> set[str]:
    """Top-level module names the code imports, to find the ``%%writefile`` modules it needs."""
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module.split(".")[0])
    return modules


def needed_files(
    earlier: Sequence[CellProgram], answer: Sequence[CellProgram], carried: Sequence[CarriedImport]
) -> list[CellProgram]:
    """Earlier ``%%writefile`` cells that write a module the answer imports."""
    code = program_text(answer) + "\n" + "\n".join(item.statement for item in carried)
    modules = imported_modules(parse_quietly(code))
    return [
        program
        for program in earlier
        if program.written_file.endswith(".py") and Path(program.written_file).stem in modules
    ]


@dataclass(frozen=True)
class Borrowing:
    """What the answer takes from earlier, unrelated cells, and the notes that explain it."""

    imports: tuple[CarriedImport, ...]
    files: tuple[CellProgram, ...]
    notes: tuple[str, ...]


def borrowing(
    cells: Sequence[NotebookCell],
    answer: Sequence[CellProgram],
    questions: Mapping[int, Question],
) -> Borrowing:
    """Imports and files the answer needs from code cells above its last cell."""
    earlier = earlier_programs(cells, answer, questions)
    provided = earlier_names(earlier)
    borrowed = [provided[name] for name in borrowed_names(answer) if name in provided]
    imports = carried_imports(borrowed)
    files = needed_files(earlier, answer, imports)
    notes = [carried_import_note(item) for item in imports] + earlier_definition_notes(borrowed)
    notes += [note for program in files for note in program.notes]
    return Borrowing(imports, tuple(files), (*notes, *logging_setup_notes(earlier, answer)))


def earlier_programs(
    cells: Sequence[NotebookCell],
    answer: Sequence[CellProgram],
    questions: Mapping[int, Question],
) -> list[CellProgram]:
    """Programs of the code cells above the answer's last cell that are not part of the answer."""
    answer_numbers = {program.number for program in answer}
    unrelated = [
        cell
        for cell in cells
        if cell.kind == "code" and cell.number < max(answer_numbers) and cell.number not in answer_numbers
    ]
    programs = [quiet_cell_program(cell, questions) for cell in unrelated]
    return [program for program in programs if program is not None]
