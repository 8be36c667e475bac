"""What every cell of a notebook answers: markers, headings, questions numbered twice, question order.

* a marker comment line ``# kata: pool_map`` in a code cell claims that cell, and the code cells
  after it, up to the next marker or the next question heading;
* otherwise a cell answers the question named by the nearest heading above it: a markdown cell
  naming a question ("Q4.", "4.)", "Ans 4", "## Question 4", or the question's wording), or a
  code cell opening with one ("# Q4", the question pasted into it as text, or inside a string);
  a code cell holding only words is a heading or an explanation, not code;
* a markdown heading repeating the number of the one before names the next question (``renumbered``);
* when no cell names any question, the notebook is read in question order (``position_owners``).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Optional

from pytest_mpkata.notebook.cells import cell_magic, is_prose_line, syntax_error
from pytest_mpkata.notebook.questions import (
    CODE_RULES,
    MARKDOWN_RULES,
    TITLE_RULES,
    VERBATIM_SIMILARITY,
    Question,
    code_heading_question,
    is_heading_line,
    is_label_only,
    label_number,
    markdown_question,
    question_by_wording,
    question_named,
    undecorated,
)
from pytest_mpkata.notebook.reading import NotebookCell, parse_quietly, source_lines

__all__ = [
    "NO_OWNER",
    "CellOwner",
    "answer_text",
    "assign_owners",
    "has_code",
    "is_words_cell",
    "opening_question",
]

REPEATED_NUMBER_NOTE = (
    "Cell {cell} numbers a question {label} a second time: it was taken as {following}, the "
    "question after {label}, since no cell names {following}. Number each question once."
)
TITLE_WORDS = 15
"""A markdown cell opening with a heading and this short is a title, not an answer in words."""
MARKER_PATTERN = re.compile(r"^[ \t]*#\s*kata\s*:\s*([\w\-]+)\s*$", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class CellOwner:
    """What a cell answers: the kata of a marker comment, or a question (by heading or position)."""

    marker_kata: str = ""
    question_number: int = 0
    by_position: bool = False
    note: str = ""
    """What the learner should know about how the cell was placed (a question numbered twice)."""

    def answers(self, question: Question) -> bool:
        """Whether the cell sits under this question's heading, or in its place in order."""
        return not self.marker_kata and self.question_number == question.number


NO_OWNER = CellOwner()
"""The owner of a cell that answers nothing, such as a title in a notebook read by position."""


def marker_kata(code: str) -> str:
    """The kata named by a ``# kata: <id>`` comment line in a code cell, or ""."""
    marker = MARKER_PATTERN.search(code)
    return marker.group(1).lower() if marker else ""


def assign_owners(cells: Sequence[NotebookCell], questions: Mapping[int, Question]) -> dict[int, CellOwner]:
    """What every markdown and code cell answers, walking the notebook top to bottom.

    A notebook in which no cell names a question is read in question order instead.
    """
    owner = CellOwner()
    owners: dict[int, CellOwner] = {}
    headings: list[tuple[int, int]] = []
    named_any = False
    for cell in cells:
        if cell.kind == "markdown":
            rules = TITLE_RULES if cell.number == 1 and is_title(cell) else MARKDOWN_RULES
            named = markdown_question(cell.source, questions, rules)
            owner = owner if named is None else CellOwner(question_number=named)
            names = named is not None
        elif cell.kind == "code":
            owner, names = code_cell_owner(cell.source, owner, questions)
        else:
            continue
        named_any = named_any or names
        if names and cell.kind == "markdown":
            headings.append((cell.number, owner.question_number))
        owners[cell.number] = owner
    if not named_any:
        return position_owners(cells, questions)
    return renumbered(owners, headings, {cell.number for cell in cells if cell.kind == "code"}, questions)


def renumbered(
    owners: dict[int, CellOwner],
    headings: Sequence[tuple[int, int]],
    code_cells: set[int],
    questions: Mapping[int, Question],
) -> dict[int, CellOwner]:
    """Owners after renumbering a question numbered twice, as in two markdown cells "5.)".

    A markdown heading repeating the number of the heading before, with code between them,
    names the next question, when no cell names that one.
    """
    named = {owner.question_number for owner in owners.values()}
    ends = [start for start, _ in headings[1:]] + [max(owners, default=0) + 1]
    for (previous, before), (start, number), end in zip(headings, headings[1:], ends[1:]):
        following = questions.get(number + 1)
        answered = any(previous < cell < start for cell in code_cells)
        if number <= 0 or number != before or not answered or following is None or following.number in named:
            continue
        label = questions[number].label
        note = REPEATED_NUMBER_NOTE.format(cell=start, label=label, following=following.label)
        moved = CellOwner(question_number=following.number, note=note)
        owners.update({n: moved for n in owners if start <= n < end and owners[n].question_number == number})
        named.add(following.number)
    return owners


def code_cell_owner(code: str, owner: CellOwner, questions: Mapping[int, Question]) -> tuple[CellOwner, bool]:
    """The owner of a code cell (its marker, the question it opens with, or the last), and if it names one.

    Some learners write the question as a comment, or paste it, at the top of the answer cell.
    """
    marked = marker_kata(code)
    if marked:
        return CellOwner(marker_kata=marked), True
    named = opening_question(code, questions)
    if named is None:
        return owner, False
    return CellOwner(question_number=named), True


def opening_question(code: str, questions: Mapping[int, Question]) -> Optional[int]:
    """The question a code cell's opening lines name: a pasted question, or comments naming one.

    The question may also be pasted inside a string literal at the top (``'''Q6. Write ...'''``).
    """
    string = leading_string(code)
    named_in_string = question_named(string, questions, CODE_RULES) if string else None
    if named_in_string:
        return named_in_string
    comments: list[str] = []
    for line in source_lines(code):
        text = line.strip()
        if text.startswith("#"):
            comment = text.lstrip("#").strip()
            if is_label_only(comment):
                return label_number(comment)
            comments.append(comment)
        elif text:
            pasted = code_heading_question(line, questions)
            if not pasted:
                break
            return pasted
    return question_named("\n".join(comments), questions, CODE_RULES)


def leading_string(code: str) -> str:
    """The text of a string literal opening a cell, or ""."""
    try:
        tree = parse_quietly(code)
    except (SyntaxError, ValueError):
        return ""
    first = tree.body[0] if tree.body else None
    if first is None or not is_bare_string(first):
        return ""
    assert isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
    return str(first.value.value)


def has_code(source: str, questions: Mapping[int, Question]) -> bool:
    """Whether a cell does anything: comments, magics, headings, prose and bare strings do not.

    A code cell that does not compile and holds only words (the question, "Ans-" and a
    paragraph, "Let us try to understand the above code:") is a heading or an explanation.
    """
    lines = [line for line in source_lines(source) if not is_heading_line(line, questions)]
    try:
        tree = parse_quietly("\n".join(lines))
    except (SyntaxError, ValueError):
        words = not cell_magic(lines) and all(is_words_line(line, questions) for line in lines)
        return not words
    return not all(is_bare_string(statement) for statement in tree.body)


def is_words_line(line: str, questions: Mapping[int, Question]) -> bool:
    """A blank line, a comment, a magic, or a line of prose."""
    text = line.strip()
    return not text or text[0] in "#%!" or is_prose_line(text, questions)


def is_words_cell(cell: NotebookCell, questions: Mapping[int, Question]) -> bool:
    """A code cell holding only words, which Python would refuse: read as a heading or explanation."""
    lines = source_lines(cell.source)
    return cell.kind == "code" and syntax_error(lines) is not None and not has_code(cell.source, questions)


def is_bare_string(statement: ast.stmt) -> bool:
    """A statement that is only a string, as in a cell that answers in a triple-quoted text."""
    value = statement.value if isinstance(statement, ast.Expr) else None
    return isinstance(value, ast.Constant) and isinstance(value.value, str)


def answer_text(cell: NotebookCell, questions: Mapping[int, Question]) -> str:
    """The words a cell answers in: markdown, or a code cell's comments and bare strings.

    Lines that only name the question (its label or its words) are the heading, not the answer.
    """
    if cell.kind == "markdown":
        lines = source_lines(cell.source)
    elif has_code(cell.source, questions):
        return ""
    else:
        lines = code_words(cell.source)
    kept = [line.rstrip() for line in lines if line.strip() and not names_question(line, questions)]
    return "\n".join(kept).strip()


def code_words(source: str) -> list[str]:
    """The comment lines and bare-string lines of a cell that has no code; magics are not words."""
    words: list[str] = []
    for line in source_lines(source):
        text = line.strip()
        if text.startswith("#"):
            words.append(text.lstrip("#").strip())
        elif text and text[0] not in "%!":
            words.append(text.strip("'\""))
    return words


def names_question(line: str, questions: Mapping[int, Question]) -> bool:
    """A line that is only a question's label or its words: a heading."""
    text = undecorated(line)
    return is_label_only(text) or question_by_wording(text, questions, VERBATIM_SIMILARITY) != 0


def position_owners(cells: Sequence[NotebookCell], questions: Mapping[int, Question]) -> dict[int, CellOwner]:
    """Owners for a notebook without headings: the answers are taken in question order.

    The rule: questions whose wording asks to write or create something (Q3, Q5, Q6) are code
    questions, the others (Q1, Q2, Q4) theory questions. Walking the answer cells top to bottom,
    with a pointer at the first question not yet answered, a text answer (a markdown cell, or a
    code cell of comments only) answers the first theory question at or after the pointer, and a
    code cell the first code question at or after it; the pointer then moves past that question.
    So after the k-th theory answer, the next code cell answers the first code question after
    it, and a question skipped over stays unanswered. A title (a short cell opening with a heading), a cell of
    imports only and a cell of magics only answer nothing.
    """
    order = [question for _, question in sorted(questions.items()) if question.number > 0]
    owners: dict[int, CellOwner] = {}
    pointer = 0
    for cell, wants_code in answer_cells(cells, questions):
        for index in range(pointer, len(order)):
            if order[index].asks_for_code == wants_code:
                owners[cell.number] = CellOwner(question_number=order[index].number, by_position=True)
                pointer = index + 1
                break
    return owners


def answer_cells(
    cells: Sequence[NotebookCell], questions: Mapping[int, Question]
) -> list[tuple[NotebookCell, bool]]:
    """The cells that hold an answer, each with whether it answers in code."""
    found: list[tuple[NotebookCell, bool]] = []
    for cell in cells:
        if cell.kind == "code" and has_code(cell.source, questions):
            if not imports_only(cell.source):
                found.append((cell, True))
        elif cell.kind in {"markdown", "code"} and answer_text(cell, questions) and not is_title(cell):
            found.append((cell, False))
    return found


def imports_only(source: str) -> bool:
    """A setup cell: it only imports."""
    try:
        tree = parse_quietly(source)
    except (SyntaxError, ValueError):
        return False
    return all(isinstance(statement, (ast.Import, ast.ImportFrom)) for statement in tree.body)


def is_title(cell: NotebookCell) -> bool:
    """A short markdown cell opening with a heading: the notebook's title, the learner's name."""
    lines = [line.strip() for line in source_lines(cell.source) if line.strip()]
    short = len(cell.source.split()) <= TITLE_WORDS
    return cell.kind == "markdown" and bool(lines) and lines[0].startswith("#") and short
