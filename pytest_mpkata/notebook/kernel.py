"""Running an answer the way a Jupyter kernel does, to show why notebook functions fail under spawn."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from typing import Protocol, Union

from pytest_mpkata.notebook.reading import parse_quietly

__all__ = ["KERNEL_SPAWN_ADVICE", "AnswerSource", "kernel_style_program", "notebook_defined_targets"]

KERNEL_SPAWN_ADVICE = (
    "Under spawn (Jupyter on macOS and Windows), your answer would fail: `{name}` is defined in "
    "the notebook, and a child process cannot import it. Move `{name}` into a `.py` file next "
    "to the notebook and import it."
)
"""Format with ``name=``, once per name from ``notebook_defined_targets``."""
KERNEL_CELL_FILENAME = "<cell>"

KERNEL_STYLE_TEMPLATE = '''\
"""Run a notebook answer the way a Jupyter kernel does: in __main__, with no file behind it.

Without __file__ and __spec__, a spawn or forkserver child cannot re-import __main__, so the
functions the answer defines do not exist in the child, as in Jupyter.
"""


def run_like_a_kernel(source):
    main = __import__("sys").modules["__main__"]
    for name in ("__file__", "__cached__", "run_like_a_kernel"):
        main.__dict__.pop(name, None)
    main.__spec__ = None
    lines = source.splitlines(True)
    __import__("linecache").cache[{filename!r}] = (len(source), None, lines, {filename!r})
    exec(compile(source, {filename!r}, "exec"), main.__dict__)


run_like_a_kernel({source!r})
'''


class AnswerSource(Protocol):
    """What this module needs of an extracted program: its source."""

    @property
    def source(self) -> str: ...


def kernel_style_program(program: AnswerSource) -> str:
    """A script that runs the answer as a Jupyter kernel would, for ``python x.py``.

    Its tracebacks name ``KERNEL_CELL_FILENAME``; ``rewrite_traceback`` maps them to cells.
    """
    return KERNEL_STYLE_TEMPLATE.format(filename=KERNEL_CELL_FILENAME, source=program.source)


def notebook_defined_targets(program: AnswerSource) -> tuple[str, ...]:
    """Functions the answer defines at module level: a spawn child cannot find them in Jupyter."""
    tree = parse_quietly(program.source)
    return tuple(node.name for node in module_level_functions(tree.body))


def module_level_functions(
    statements: Sequence[ast.stmt],
) -> Iterator[Union[ast.FunctionDef, ast.AsyncFunctionDef]]:
    """Function definitions at module level, also inside ``if``/``try``/``with`` blocks."""
    for statement in statements:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield statement
        elif not isinstance(statement, ast.ClassDef):
            yield from module_level_functions(list(nested_statements(statement)))


def nested_statements(statement: ast.stmt) -> Iterator[ast.stmt]:
    """The statements in a compound statement's blocks, ``except`` handlers included."""
    for child in ast.iter_child_nodes(statement):
        if isinstance(child, ast.stmt):
            yield child
        elif isinstance(child, ast.ExceptHandler):
            yield from child.body
