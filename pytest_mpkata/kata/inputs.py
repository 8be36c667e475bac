"""Inputs the checker chooses: a kata's stated data, replaced by other data for a second run.

With fixed input data, a program that ignores its input (or writes its answer by hand) prints
the right answer and cannot be told from one that computes it.  A kata whose statement fixes
its data names it as a module-level constant (``NUMBERS = [1, 2, 3, 4, 5]``) and declares it
in its ``kata.toml``::

    [inputs.NUMBERS]
    stated = [1, 2, 3, 4, 5]     # the value the README fixes, the one the starter assigns
    chosen = [7, 3, 12, 5, 9]    # other data: the checker's second run uses it instead

This module finds the constant's one assignment in the learner's text (by its syntax tree, so
comments and strings are never touched) and writes the program with the chosen value in its
place, keeping every line where it was (tracebacks and notebook cells still point right).
"""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "INPUT_ASSIGNED_TWICE",
    "INPUT_NOT_NAMED",
    "INPUT_UNREADABLE",
    "ChosenInput",
    "InputNotNamed",
    "describe",
    "inputs_from",
    "with_chosen_inputs",
]

INPUT_NOT_NAMED = (
    "To see that your program uses its input, the checker runs it again with {chosen}, but "
    "{file_name} assigns no `{name}` at module level. Keep the starter's constant `{name}` (the "
    "same name, assigned once, at the top of the file) and read your data from it instead of "
    "writing the values inline."
)
INPUT_ASSIGNED_TWICE = (
    "To see that your program uses its input, the checker runs it again with {chosen}, but "
    "{file_name} assigns `{name}` {count} times (lines {lines}). Assign it once, at the top of "
    "the file, as the starter does."
)
INPUT_UNREADABLE = (
    "To see that your program uses its input, the checker runs it again with {chosen}, but "
    "{file_name} could not be read as Python ({error})."
)


@dataclass(frozen=True)
class ChosenInput:
    """One constant of a kata's statement: the value the README fixes and the checker's other one."""

    name: str
    stated: Any
    chosen: Any


class InputNotNamed(Exception):
    """The learner's program has no single module-level assignment of a kata's input constant."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def inputs_from(table: Mapping[str, Any]) -> tuple[ChosenInput, ...]:
    """The ``[inputs.NAME]`` tables of a kata.toml; ValueError when one is incomplete or pointless."""
    inputs = []
    for name, fields in table.items():
        if not name.isidentifier() or not isinstance(fields, Mapping):
            raise ValueError(f"[inputs.{name}] must be a table named after a Python constant")
        if "stated" not in fields or "chosen" not in fields:
            raise ValueError(f"[inputs.{name}] needs both stated = ... and chosen = ...")
        if fields["stated"] == fields["chosen"]:
            raise ValueError(f"[inputs.{name}] chooses the stated value itself: nothing would be learned")
        inputs.append(ChosenInput(name, fields["stated"], fields["chosen"]))
    return tuple(inputs)


def describe(inputs: Sequence[ChosenInput]) -> str:
    """``NUMBERS = [7, 3] instead of [1, 2]``, for each input, joined by "and"."""
    return " and ".join(f"{i.name} = {i.chosen!r} instead of {i.stated!r}" for i in inputs)


def with_chosen_inputs(source: str, inputs: Sequence[ChosenInput], file_name: str) -> str:
    """The program with each input's one assignment given the chosen value; InputNotNamed if absent."""
    chosen = describe(inputs)
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError) as error:
        raise InputNotNamed(
            INPUT_UNREADABLE.format(chosen=chosen, file_name=file_name, error=error)
        ) from None
    lines = source.splitlines(keepends=True)
    # replaced from the bottom up, so the positions of those above stay right
    values = [(_assigned_value(tree, i, file_name, chosen), i) for i in inputs]
    for node, given in sorted(values, key=lambda pair: pair[0].lineno, reverse=True):
        _replace(lines, node, _same_height(repr(given.chosen), node))
    return "".join(lines)


def _assigned_value(tree: ast.Module, given: ChosenInput, file_name: str, chosen: str) -> ast.expr:
    found = [value for node in _top_level(tree) if (value := _value_assigned(node, given.name)) is not None]
    fields = {"chosen": chosen, "file_name": file_name, "name": given.name}
    if not found:
        raise InputNotNamed(INPUT_NOT_NAMED.format(**fields))
    if len(found) > 1:
        where = ", ".join(str(value.lineno) for value in found)
        raise InputNotNamed(INPUT_ASSIGNED_TWICE.format(count=len(found), lines=where, **fields))
    return found[0]


def _top_level(tree: ast.Module) -> list[ast.stmt]:
    """The module's statements and those of its top-level ``if`` blocks (the main guard)."""
    statements = list(tree.body)
    for statement in tree.body:
        if isinstance(statement, ast.If):
            statements.extend(statement.body)
    return statements


def _value_assigned(node: ast.stmt, name: str) -> ast.expr | None:
    if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
        return node.value
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == name:
        return node.value
    return None


def _same_height(text: str, node: ast.expr) -> str:
    """The new value spanning as many lines as the old one, so that no line below moves."""
    extra = (node.end_lineno or node.lineno) - node.lineno
    return f"({text}{chr(10) * extra})" if extra else text


def _replace(lines: list[str], node: ast.expr, text: str) -> None:
    first, last = node.lineno - 1, (node.end_lineno or node.lineno) - 1
    start = _char_offset(lines[first], node.col_offset)
    end = _char_offset(lines[last], node.end_col_offset or 0)
    lines[first : last + 1] = [lines[first][:start] + text + lines[last][end:]]


def _char_offset(line: str, byte_offset: int) -> int:
    """The syntax tree counts columns in UTF-8 bytes; the text is indexed by characters."""
    return len(line.encode("utf-8")[:byte_offset].decode("utf-8", "replace"))
