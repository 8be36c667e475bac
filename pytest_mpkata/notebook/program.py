"""One kata's answer as a complete program, with the notebook origin of every line.

The katas run ``python <kata_id>.py``, so the cells that answer a kata are joined into one plain
Python program, and every line remembers the cell and line it came from. Feedback and tracebacks
can then quote "cell 5, line 3", which the learner can find, instead of a line of a file the
learner never saw.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Optional

from pytest_mpkata.notebook.answers import (
    AnswerChoice,
    cells_named,
    choose_answer_cells,
    not_answered_message,
)
from pytest_mpkata.notebook.borrowing import Borrowing, borrowing
from pytest_mpkata.notebook.cells import (
    CELL_DOES_NOT_COMPILE_MESSAGE,
    GENERATED,
    CellProgram,
    LineOrigin,
    ProgramLine,
    TextLine,
    cell_program,
    error_index,
    syntax_error,
)
from pytest_mpkata.notebook.kernel import (
    KERNEL_SPAWN_ADVICE,
    kernel_style_program,
    notebook_defined_targets,
)

# The session stage imports these from here; the package re-exports them all.
from pytest_mpkata.notebook.owners import assign_owners
from pytest_mpkata.notebook.questions import KataQuestions, Question, question_index
from pytest_mpkata.notebook.reading import (
    NotebookCell,
    NotebookError,
    NotebookNotAnswered,
    PathArgument,
    notebook_cells,
    read_notebook,
    shown,
)

__all__ = [
    "KERNEL_SPAWN_ADVICE",
    "AnswerDoesNotCompile",
    "ExtractedProgram",
    "KataQuestions",
    "NotebookError",
    "NotebookNotAnswered",
    "cell_location",
    "extract_program",
    "kernel_style_program",
    "notebook_defined_targets",
    "rewrite_traceback",
]

ANSWER_DOES_NOT_COMPILE_MESSAGE = (
    "Cell {cell} does not run as handed in: line {line} (`{text}`) is text, not Python{more}. "
    "Start it with `#` or move it to a markdown cell."
)
MORE_TEXT_LINES = " (and {count} more line{s} of text: {where})"
ATTEMPT_NOTE = (
    "Your answer to {label} holds {count} complete attempts ({all}): each was graded on its own "
    "and the best one counts. This is your attempt in {cells}."
)
CELL_LOCATION = "cell {cell}, line {line}"
GENERATED_LINE_LOCATION = "line {lineno} of the program built from your notebook"
TRACEBACK_FILE_PATTERN = re.compile(r'File "(?P<path>[^"]+)", line (?P<lineno>\d+)')
FUTURE_IMPORT_PATTERN = re.compile(r"from\s+__future__\s+import\b")


@dataclass(frozen=True)
class ExtractedProgram:
    """One kata's answer as a complete program, with the notebook origin of every line.

    ``cells`` lists the answer's cells; cells that only lent an import or a file appear in
    ``line_origins`` and ``notes``, not here.
    """

    kata_id: str
    source: str
    cells: tuple[int, ...]
    line_origins: tuple[LineOrigin, ...]
    carried_imports: tuple[str, ...]
    notes: tuple[str, ...]
    attempts: tuple[ExtractedProgram, ...] = ()
    """Several complete attempts at the question, each a program of its own (this is the last)."""


class AnswerDoesNotCompile(NotebookError):
    """The answer's code cells hold text lines: as handed in, Python refuses the answer.

    ``repaired`` is the program with those lines commented out (its notes say which), so a
    caller can still show what the code would do without them.
    """

    def __init__(self, message: str, repaired: ExtractedProgram) -> None:
        super().__init__(message)
        self.repaired = repaired


def extract_program(
    path: PathArgument,
    kata_id: str,
    catalogue: Mapping[str, KataQuestions],
    *,
    as_handed_in: bool = True,
) -> ExtractedProgram:
    """The program answering ``kata_id`` in the notebook at ``path``, ready to run as a script.

    With ``as_handed_in`` (the default), an answer whose code cells hold text lines raises
    ``AnswerDoesNotCompile``; without it, the repaired program is returned.
    """
    cells = notebook_cells(read_notebook(path))
    questions = question_index(catalogue)
    owners = assign_owners(cells, questions)
    choice = choose_answer_cells(kata_id, cells, owners, questions)
    if not choice.cells:
        kata = catalogue.get(kata_id, KataQuestions(kata_id, (), ()))
        message = not_answered_message(kata, Path(path).name, cells, owners, questions)
        raise NotebookNotAnswered(message)
    label = next(iter(catalogue[kata_id].questions), kata_id) if kata_id in catalogue else kata_id
    if not choice.attempts:
        return answer_program(kata_id, cells, choice.cells, questions, choice.notes, as_handed_in)
    return best_of_attempts(kata_id, label, cells, choice, questions, as_handed_in)


def answer_program(
    kata_id: str,
    cells: Sequence[NotebookCell],
    chosen: Sequence[NotebookCell],
    questions: Mapping[int, Question],
    notes: Sequence[str],
    as_handed_in: bool,
) -> ExtractedProgram:
    """The program of the chosen cells, with what they borrow from earlier cells."""
    answer = [cell_program(cell, questions) for cell in chosen]
    borrowed = borrowing(cells, answer, questions)
    program = built_program(kata_id, answer, borrowed, notes)
    text_lines = [text for cell in answer for text in cell.text_lines]
    if text_lines and as_handed_in:
        raise AnswerDoesNotCompile(does_not_compile_message(text_lines), program)
    return program


def best_of_attempts(
    kata_id: str,
    label: str,
    cells: Sequence[NotebookCell],
    choice: AnswerChoice,
    questions: Mapping[int, Question],
    as_handed_in: bool,
) -> ExtractedProgram:
    """Every attempt's program, each saying which it is; the last, holding them all.

    An attempt that cannot be built is left out; if none can, the last one's error stands.
    """
    every = cells_named([cell.number for attempt in choice.attempts for cell in attempt])
    programs: list[ExtractedProgram] = []
    error: Optional[NotebookError] = None
    for attempt in choice.attempts:
        which = cells_named([cell.number for cell in attempt])
        note = ATTEMPT_NOTE.format(label=label, count=len(choice.attempts), all=every, cells=which)
        try:
            programs.append(
                answer_program(kata_id, cells, attempt, questions, (*choice.notes, note), as_handed_in)
            )
        except NotebookError as failure:
            error = failure
    if not programs:
        assert error is not None
        raise error
    if len(programs) == 1:
        return programs[0]
    return replace(programs[-1], attempts=tuple(programs))


def built_program(
    kata_id: str, answer: Sequence[CellProgram], borrowed: Borrowing, choice_notes: Sequence[str]
) -> ExtractedProgram:
    """Join the answer's cells and what they borrow into one program that compiles."""
    lines = program_lines(answer, borrowed)
    check_compiles(lines)
    cell_notes = tuple(note for program in answer for note in program.notes)
    return ExtractedProgram(
        kata_id=kata_id,
        source="".join(line.text + "\n" for line in lines),
        cells=tuple(program.number for program in answer),
        line_origins=tuple(line.origin for line in lines),
        carried_imports=tuple(item.statement for item in borrowed.imports),
        notes=(*choice_notes, *cell_notes, *borrowed.notes),
    )


def does_not_compile_message(text_lines: Sequence[TextLine]) -> str:
    """Name the first text line, as Python's SyntaxError would, and count the others."""
    first, others = text_lines[0], text_lines[1:]
    more = ""
    if others:
        where = ", ".join(f"cell {text.cell} line {text.line}" for text in others)
        more = MORE_TEXT_LINES.format(count=len(others), s="s" if len(others) > 1 else "", where=where)
    return ANSWER_DOES_NOT_COMPILE_MESSAGE.format(
        cell=first.cell, line=first.line, text=shown(first.text), more=more
    )


def program_lines(answer: Sequence[CellProgram], borrowed: Borrowing) -> list[ProgramLine]:
    """The whole program: borrowed imports and files first, then each answer cell in order."""
    lines: list[ProgramLine] = []
    if borrowed.imports or borrowed.files:
        lines.append(ProgramLine("# From earlier cells of your notebook"))
        lines.extend(ProgramLine(item.statement, (item.cell, item.line)) for item in borrowed.imports)
        lines.extend(line for program in borrowed.files for line in program.lines)
    for program in answer:
        lines.extend([ProgramLine("")] if lines else [])
        lines.append(ProgramLine(f"# cell {program.number}"))
        lines.extend(program.lines)
    return future_imports_first(lines)


def future_imports_first(lines: Sequence[ProgramLine]) -> list[ProgramLine]:
    """Move ``from __future__`` imports to the top of the program.

    A kernel accepts them at the start of any cell; a file only at its own start.
    """
    future = [line for line in lines if FUTURE_IMPORT_PATTERN.match(line.text)]
    return future + [line for line in lines if not FUTURE_IMPORT_PATTERN.match(line.text)]


def check_compiles(lines: Sequence[ProgramLine]) -> None:
    """The joined cells must compile too (``from __future__`` only works at the very top)."""
    error = syntax_error([line.text for line in lines])
    if error is None:
        return
    index = error_index(error, len(lines))
    cell, line = lines[index].origin
    raise NotebookError(
        CELL_DOES_NOT_COMPILE_MESSAGE.format(
            cell=cell, line=line, reason=error.msg, text=shown(lines[index].text)
        )
    )


def cell_location(program: ExtractedProgram, lineno: int) -> str:
    """Where a line of the generated program comes from: "cell 5, line 3"."""
    inside = 1 <= lineno <= len(program.line_origins)
    cell, line = program.line_origins[lineno - 1] if inside else GENERATED
    if (cell, line) == GENERATED:
        return GENERATED_LINE_LOCATION.format(lineno=lineno)
    return CELL_LOCATION.format(cell=cell, line=line)


def rewrite_traceback(text: str, program: ExtractedProgram, filename: str) -> str:
    """Replace ``File ".../<filename>", line N`` with the notebook cell and line it points at.

    Only frames of the generated program change; frames of the standard library stay as they are.
    """
    wanted = base_name(filename)

    def replace(match: re.Match[str]) -> str:
        if base_name(match.group("path")) != wanted:
            return match.group(0)
        return cell_location(program, int(match.group("lineno")))

    return TRACEBACK_FILE_PATTERN.sub(replace, text)


def base_name(path: str) -> str:
    """The last part of a path written by any operating system."""
    return re.split(r"[\\/]", path)[-1]
