"""Which of a question's code cells make its answer: the attempts, and the cells out of reach.

All the code cells under a heading belong to its question, but not all of them belong to one
program. Walking them top to bottom, the cells up to the first that does something (calls a function
outside a definition) build the answer. After that, a cell joins the
answer only when it builds on it: it uses a name the answer binds, and every name it needs is
bound by the answer or by a cell above it. A cell that does something with multiprocessing on
its own, without building on the answer, or that starts over with its own ``if __name__ ==
"__main__":`` block, is another attempt at the question, graded on its own (with the setup cells
it uses).
Any other cell (scratch work, a stray indented line, code using a name defined further down)
is out of reach: left out, with its reason.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Optional

from pytest_mpkata.notebook.borrowing import bound_names, imported_modules, used_names
from pytest_mpkata.notebook.cells import program_text, quiet_cell_program
from pytest_mpkata.notebook.questions import Question
from pytest_mpkata.notebook.reading import NotebookCell, parse_quietly

__all__ = ["LeftOut", "Reach", "answer_reach"]

MULTIPROCESSING_MODULES = frozenset({"multiprocessing", "concurrent"})
MULTIPROCESSING_NAMES = frozenset({"Process", "Pool", "ProcessPoolExecutor", "multiprocessing"})
SETUP_STATEMENTS = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
DOES_NOT_COMPILE = "does not compile on its own"
DOES_NOT_BUILD_ON = "does not use anything your answer defines"
NAME_FROM_BELOW = "uses {names}, which no cell above it defines"


@dataclass(frozen=True)
class LeftOut:
    """A code cell under the question that is not part of its answer, and why."""

    cell: int
    reason: str


@dataclass
class Reach:
    """The attempts at a question (each a list of cells) and the cells left out."""

    attempts: list[list[NotebookCell]] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)


@dataclass(frozen=True)
class CodeFacts:
    """What one cell's code does, as far as joining it to an answer goes."""

    binds: frozenset[str]
    needs: frozenset[str]
    does_something: bool
    uses_multiprocessing: bool
    guarded: bool


def code_facts(cell: NotebookCell, questions: Mapping[int, Question]) -> Optional[CodeFacts]:
    """The facts of a cell's code; None when it does not compile as a notebook cell."""
    program = quiet_cell_program(cell, questions)
    if program is None or program.text_lines:
        return None
    try:
        tree = parse_quietly(program_text([program]))
    except (SyntaxError, ValueError):
        return None
    binds = bound_names(tree)
    used = used_names(tree)
    acting = [s for s in tree.body if not isinstance(s, SETUP_STATEMENTS)]
    calls = any(isinstance(node, ast.Call) for statement in acting for node in ast.walk(statement))
    multiprocessing = bool(imported_modules(tree) & MULTIPROCESSING_MODULES or used & MULTIPROCESSING_NAMES)
    needs = frozenset(used - binds - set(dir(builtins)))
    guarded = any(is_main_guard(statement) for statement in tree.body)
    return CodeFacts(frozenset(binds), needs, calls, multiprocessing, guarded)


def is_main_guard(statement: ast.stmt) -> bool:
    """``if __name__ == "__main__":`` at the top level of a cell."""
    test = statement.test if isinstance(statement, ast.If) else None
    return isinstance(test, ast.Compare) and "__name__" in used_names(test)


def answer_reach(
    asked: Sequence[NotebookCell], cells: Sequence[NotebookCell], questions: Mapping[int, Question]
) -> Reach:
    """Split a question's code cells into attempts and cells out of reach (see the module)."""
    reach = Reach()
    if not asked:
        return reach
    setup: list[tuple[NotebookCell, Optional[CodeFacts]]] = []
    current: list[tuple[NotebookCell, Optional[CodeFacts]]] = []
    for cell in asked:
        facts = code_facts(cell, questions)
        if not any(f is not None and f.does_something for _, f in current):
            current.append((cell, facts))
            setup = [(c, f) for c, f in current if f is None or not f.does_something]
            continue
        bound = set().union(*(f.binds for _, f in current if f is not None))
        reason = left_out_reason(facts, bound, names_above(cell, cells, questions))
        if facts is not None and starts_over(facts, reason, current):
            reach.attempts.append([c for c, _ in current])
            needs = facts.needs
            current = [pair for pair in setup if pair[1] is not None and pair[1].binds & needs]
            current.append((cell, facts))
        elif reason:
            reach.left_out.append(LeftOut(cell.number, reason))
        else:
            current.append((cell, facts))
    reach.attempts.append([c for c, _ in current])
    return reach


def starts_over(
    facts: CodeFacts, reason: str, current: Sequence[tuple[NotebookCell, Optional[CodeFacts]]]
) -> bool:
    """A complete program with multiprocessing that does not build on the answer, or a second main guard."""
    if not (facts.does_something and facts.uses_multiprocessing):
        return False
    guarded_before = any(f is not None and f.guarded for _, f in current)
    return reason == DOES_NOT_BUILD_ON or (facts.guarded and guarded_before)


def left_out_reason(facts: Optional[CodeFacts], bound: set[str], above: set[str]) -> str:
    """Why a cell after a complete answer does not join it; "" when it builds on it."""
    if facts is None:
        return DOES_NOT_COMPILE
    from_below = sorted(facts.needs - bound - above)
    if from_below:
        return NAME_FROM_BELOW.format(names=", ".join(f"`{name}`" for name in from_below))
    return "" if facts.needs & bound else DOES_NOT_BUILD_ON


def names_above(
    cell: NotebookCell, cells: Sequence[NotebookCell], questions: Mapping[int, Question]
) -> set[str]:
    """Every name the code cells above ``cell`` bind: what a kernel run top to bottom has by then."""
    names: set[str] = set()
    for other in cells:
        if other.kind == "code" and other.number < cell.number:
            facts = code_facts(other, questions)
            names |= facts.binds if facts else set()
    return names
