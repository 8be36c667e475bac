"""One code cell made plain Python: IPython syntax, cell magics, pasted headings and prose.

Notebooks work differently from scripts, and the program keeps the learner's code as it is,
except for what a plain Python program cannot run: IPython syntax (``%magic``, ``!shell``,
``name?``) is commented out, ``%%writefile`` cells become code that writes the file, and a
question pasted into a code cell (its label or its words alone) is left out. These run in
Jupyter, so they are not the learner's error. Other text lines are: Python refuses them, so
they are commented out only in a repaired program, and recorded as ``text_lines``.
"""

from __future__ import annotations

import keyword
import re
import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Optional

from pytest_mpkata.notebook.questions import (
    Question,
    is_heading_line,
    is_label_only,
    question_by_wording,
    undecorated,
)
from pytest_mpkata.notebook.reading import NotebookCell, NotebookError, parse_quietly, shown, source_lines

__all__ = [
    "CELL_DOES_NOT_COMPILE_MESSAGE",
    "GENERATED",
    "CellProgram",
    "LineOrigin",
    "ProgramLine",
    "TextLine",
    "cell_magic",
    "cell_program",
    "error_index",
    "is_prose_line",
    "program_text",
    "quiet_cell_program",
    "syntax_error",
]

CELL_DOES_NOT_COMPILE_MESSAGE = "Cell {cell} does not compile (line {line}: {reason}): {text}"
IPYTHON_SYNTAX_NOTE = (
    "Cell {cell}, line {line} is IPython syntax, not Python (`{text}`): it was commented out, "
    "because your answer runs as a plain Python program."
)
HEADING_LINE_NOTE = (
    "Cell {cell}, line {line} is the question, not Python (`{text}`): it was left out of your "
    "program. Keep questions in markdown cells."
)
PASTED_TEXT_NOTE = (
    "Cell {cell}, line {line} is text, not Python (`{text}`): it was commented out to show "
    "what your code does without it. Start the line with `#` or move it to a markdown cell."
)
NON_PYTHON_CELL_NOTE = (
    "Cell {cell} is a `%%{magic}` cell, not Python: it was commented out, "
    "because your answer runs as a plain Python program."
)
WRITEFILE_NOTE = (
    "Cell {cell} writes `{filename}` with `%%writefile`: the program writes that file "
    "before the code that follows it runs."
)

PYTHON_BODY_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun"})
"""Cell magics whose body is Python: the magic line goes, the body stays."""
GENERATED: tuple[int, int] = (0, 0)
"""Origin of a line that is not the learner's: a separator comment or generated code."""

PROSE_LABEL_PATTERN = re.compile(
    r"^(?:q|que|ques|question|ans|answer|solution)\s*[.\-:#]?\s*\d*\s*[.:)\-]", re.IGNORECASE
)
SENTENCE_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.;:'?!\-]*")
IPYTHON_LINE_PATTERN = re.compile(r"^\s*(?:[%!?]|[\w.]+\s*=\s*[%!])|^\s*[\w.]+\?{1,2}\s*$")
PYTHON_KEYWORDS = frozenset(keyword.kwlist)

LineOrigin = tuple[int, int]


@dataclass(frozen=True)
class ProgramLine:
    """A line of the program being built, with the notebook line it comes from."""

    text: str
    origin: LineOrigin = GENERATED


@dataclass(frozen=True)
class TextLine:
    """A line of a code cell that is text, not Python: the answer does not run as handed in."""

    cell: int
    line: int
    text: str


@dataclass(frozen=True)
class CellProgram:
    """What one code cell contributes to a program, and what had to change for a script."""

    number: int
    lines: tuple[ProgramLine, ...]
    notes: tuple[str, ...]
    written_file: str = ""
    text_lines: tuple[TextLine, ...] = ()


def syntax_error(lines: Sequence[str]) -> Optional[SyntaxError]:
    """The first syntax error of a cell, or None when it compiles."""
    try:
        parse_quietly("\n".join(lines))
    except SyntaxError as error:
        return error
    except ValueError as error:  # null bytes in the source
        return SyntaxError(str(error))
    return None


def error_index(error: SyntaxError, line_count: int) -> int:
    """The 0-based line a syntax error points at, kept inside the cell."""
    lineno = error.lineno or line_count
    return min(max(lineno, 1), max(line_count, 1)) - 1


def commented_out(line: str) -> str:
    """The line as a comment, indentation kept so the code around it stays valid."""
    indent = line[: len(line) - len(line.lstrip())]
    return f"{indent}# {line.lstrip()}"


def is_ipython_syntax(line: str) -> bool:
    """``%magic``, ``!shell``, ``x = !ls`` and ``name?`` help: valid in Jupyter only."""
    return IPYTHON_LINE_PATTERN.match(line) is not None


def looks_like_prose(line: str, questions: Mapping[int, Question]) -> bool:
    """Whether a line that does not compile is text: a labelled line, wording or a sentence."""
    text = undecorated(line)
    if PROSE_LABEL_PATTERN.match(text) or question_by_wording(text, questions):
        return True
    words = text.split()
    sentence = SENTENCE_PATTERN.fullmatch(text) is not None and len(words) >= 4
    ends_like_prose = text.endswith((".", "?", "!", ":")) or len(words) >= 6
    return sentence and ends_like_prose and words[0] not in PYTHON_KEYWORDS


def is_prose_line(line: str, questions: Mapping[int, Question]) -> bool:
    """A line of words, not Python: prose, a label such as "Ans-", or a fragment of a paragraph."""
    text = undecorated(line)
    if not text or looks_like_prose(line, questions):
        return bool(text)
    words = text.split()
    sentence = SENTENCE_PATTERN.fullmatch(text) is not None and words[0] not in PYTHON_KEYWORDS
    return sentence and syntax_error([text]) is not None


def cell_program(cell: NotebookCell, questions: Mapping[int, Question]) -> CellProgram:
    """The plain-Python version of a code cell, or NotebookError naming the line that fails."""
    lines = source_lines(cell.source)
    magic = cell_magic(lines)
    if magic == "writefile":
        return writefile_program(cell, lines[0], lines[1:])
    if magic and magic not in PYTHON_BODY_CELL_MAGICS:
        note = NON_PYTHON_CELL_NOTE.format(cell=cell.number, magic=magic)
        return numbered_program(cell.number, [commented_out(line) for line in lines], [note])
    return python_cell_program(cell, lines, questions)


def cell_magic(lines: Sequence[str]) -> str:
    """The name of the cell magic on a cell's first line (``%%time`` gives "time"), or ""."""
    first = lines[0].strip() if lines else ""
    found = re.match(r"%%(\w+)", first)
    return found.group(1) if found else ""


def numbered_program(
    number: int, lines: Sequence[str], notes: Sequence[str], text_lines: Sequence[TextLine] = ()
) -> CellProgram:
    """A cell program whose lines map one to one onto the cell's lines."""
    program_lines = tuple(ProgramLine(text, (number, index)) for index, text in enumerate(lines, start=1))
    return CellProgram(number, program_lines, tuple(notes), text_lines=tuple(text_lines))


def python_cell_program(
    cell: NotebookCell, lines: list[str], questions: Mapping[int, Question]
) -> CellProgram:
    """Comment out, one compiler complaint at a time, headings, IPython and text lines.

    Each pass comments out a line that was code, so the loop ends: with a program, or with
    NotebookError from ``line_kind`` once the failing line is none of these.
    """
    notes = [
        HEADING_LINE_NOTE.format(cell=cell.number, line=index, text=shown(text))
        for index, text in enumerate(lines, start=1)
        if is_label_only(text)
    ]
    lines = [commented_out(text) if is_label_only(text) else text for text in lines]
    text_lines: list[TextLine] = []
    error = syntax_error(lines)
    while error is not None:
        index = error_index(error, len(lines))
        kind = line_kind(cell.number, index, lines, error, questions)
        notes.append(kind.format(cell=cell.number, line=index + 1, text=shown(lines[index])))
        if kind == PASTED_TEXT_NOTE:
            text_lines.append(TextLine(cell.number, index + 1, lines[index].strip()))
        lines[index] = commented_out(lines[index])
        error = syntax_error(lines)
    return numbered_program(cell.number, lines, notes, text_lines)


def line_kind(
    cell: int,
    index: int,
    lines: Sequence[str],
    error: SyntaxError,
    questions: Mapping[int, Question],
) -> str:
    """The note template for a failing line that may be commented out; NotebookError if it is code."""
    text = lines[index] if lines else ""
    is_code = bool(text.strip()) and not text.lstrip().startswith("#")
    if is_code and is_heading_line(text, questions):
        return HEADING_LINE_NOTE
    if is_code and is_ipython_syntax(text):
        return IPYTHON_SYNTAX_NOTE
    if is_code and looks_like_prose(text, questions):
        return PASTED_TEXT_NOTE
    reason = error.msg or "invalid syntax"
    message = CELL_DOES_NOT_COMPILE_MESSAGE.format(cell=cell, line=index + 1, reason=reason, text=shown(text))
    raise NotebookError(message)


def writefile_program(cell: NotebookCell, magic_line: str, body: Sequence[str]) -> CellProgram:
    """Code that writes the file a ``%%writefile`` cell writes, in the parent process only.

    The guard keeps ``spawn`` children, which re-run the main module, from rewriting the file
    while other children import it.
    """
    arguments = shlex.split(magic_line.strip()[len("%%writefile") :])
    mode = "a" if {"-a", "--append"} & set(arguments) else "w"
    filename = " ".join(argument for argument in arguments if not argument.startswith("-"))
    content = "\n".join(body) + "\n"
    origin = (cell.number, 1)
    code = [
        'if __name__ == "__main__":',
        f"    with open({filename!r}, {mode!r}, encoding='utf-8') as written_file:",
        f"        written_file.write({content!r})",
    ]
    note = WRITEFILE_NOTE.format(cell=cell.number, filename=filename)
    lines = tuple(ProgramLine(text, origin) for text in code)
    return CellProgram(cell.number, lines, (note,), written_file=filename)


def quiet_cell_program(cell: NotebookCell, questions: Mapping[int, Question]) -> Optional[CellProgram]:
    """An unrelated cell's program, for its imports; a cell that does not compile lends nothing."""
    try:
        return cell_program(cell, questions)
    except NotebookError:
        return None


def program_text(programs: Sequence[CellProgram]) -> str:
    """The Python text of cell programs, joined."""
    return "\n".join(line.text for program in programs for line in program.lines)
