"""Reading a notebook: nbformat, the ways a file is not a notebook, and cells as the learner counts them.

Cell numbers are 1-based and count every cell from the top, markdown and raw cells included, so a
learner finds "cell 5" by counting cells in the notebook. ``nbformat`` is imported only when a
notebook is read, so loading the plugin does not need it.
"""

from __future__ import annotations

import ast
import re
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from nbformat import NotebookNode

__all__ = [
    "NotebookCell",
    "NotebookError",
    "NotebookNotAnswered",
    "PathArgument",
    "notebook_cells",
    "parse_quietly",
    "read_notebook",
    "shown",
    "source_lines",
]

NOT_TEXT_MESSAGE = "{name} is not a Jupyter notebook: it is not a text file."
NOT_JSON_MESSAGE = (
    "{name} is not a Jupyter notebook: its content is not JSON. Hand in the .ipynb file that Jupyter saves."
)
NOT_A_NOTEBOOK_MESSAGE = (
    "{name} is not a Jupyter notebook ({detail}). Hand in the .ipynb file that Jupyter saves."
)
UNSUPPORTED_VERSION_MESSAGE = (
    "{name} cannot be read ({detail}). Open it in Jupyter and save it again: Jupyter stores "
    "notebooks in format version 4."
)
UNREADABLE_MESSAGE = "{name} cannot be read: {detail}."
NO_CODE_CELLS_MESSAGE = "{name} has no code cells: write your answers in code cells."

PathArgument = Union[str, "PathLike[str]"]


class NotebookError(Exception):
    """A notebook that cannot be turned into a program; the message is meant for the learner."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotebookNotAnswered(NotebookError):
    """The notebook has no code cell for the kata: the kata is missing, not broken."""


@dataclass(frozen=True)
class NotebookCell:
    """One cell, numbered as the learner counts cells (1-based, all cell kinds)."""

    number: int
    kind: str
    source: str


def read_notebook(path: PathArgument, require_code: bool = True) -> NotebookNode:
    """Read a notebook as format version 4, turning every way it can be broken into plain words."""
    import nbformat

    name = Path(path).name
    read: Callable[..., NotebookNode] = nbformat.read
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            notebook = read(path, as_version=4)
    except Exception as error:  # nbformat raises many types: each becomes one message
        raise NotebookError(reading_failure(name, error)) from error
    check_notebook_shape(name, notebook, require_code)
    return notebook


def reading_failure(name: str, error: Exception) -> str:
    """The learner's message for an exception raised while reading a notebook."""
    from nbformat import NBFormatError
    from nbformat.reader import NotJSONError

    if isinstance(error, UnicodeDecodeError):
        return NOT_TEXT_MESSAGE.format(name=name)
    if isinstance(error, NotJSONError):
        return NOT_JSON_MESSAGE.format(name=name)
    if isinstance(error, NBFormatError):
        return UNSUPPORTED_VERSION_MESSAGE.format(name=name, detail=first_line(error))
    if isinstance(error, OSError):
        return UNREADABLE_MESSAGE.format(name=name, detail=error.strerror or first_line(error))
    return NOT_A_NOTEBOOK_MESSAGE.format(name=name, detail=first_line(error))


def first_line(error: BaseException) -> str:
    """The first line of an error's text, since nbformat appends whole JSON documents."""
    text = str(getattr(error, "message", "") or error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def check_notebook_shape(name: str, notebook: NotebookNode, require_code: bool = True) -> None:
    """Reject what nbformat only logs: cells that are not cells, and notebooks without code."""
    cells = notebook.get("cells")
    if not isinstance(cells, list) or not all(isinstance(cell, dict) for cell in cells):
        detail = "its cells are not a list of cells"
        raise NotebookError(NOT_A_NOTEBOOK_MESSAGE.format(name=name, detail=detail))
    if require_code and not any(cell.get("cell_type") == "code" for cell in cells):
        raise NotebookError(NO_CODE_CELLS_MESSAGE.format(name=name))


def notebook_cells(notebook: NotebookNode) -> tuple[NotebookCell, ...]:
    """The cells in order, numbered from 1 as the learner counts them."""
    return tuple(
        NotebookCell(number, str(cell.get("cell_type", "")), cell_source(cell))
        for number, cell in enumerate(notebook["cells"], start=1)
    )


def cell_source(cell: Mapping[str, object]) -> str:
    """A cell's text; a list of lines (as stored on disk) is joined, a missing source is empty."""
    source = cell.get("source") or ""
    return "".join(map(str, source)) if isinstance(source, list) else str(source)


def source_lines(source: str) -> list[str]:
    """A cell's lines as Python and Jupyter count them.

    ``str.splitlines`` would also split at form feeds and other separators that can sit inside
    string literals, and shift every line number after them.
    """
    lines = re.split(r"\r\n|\r|\n", source)
    return lines[:-1] if lines and not lines[-1] else lines


def parse_quietly(source: str) -> ast.Module:
    """``ast.parse`` without the SyntaxWarnings that learners' escape sequences cause."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(source)


def shown(line: str) -> str:
    """A line quoted inside a message: stripped, and shortened when long."""
    text = line.strip()
    return text if len(text) <= 80 else text[:77] + "..."
