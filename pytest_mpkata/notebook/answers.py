"""Which cells answer which question or kata: markers, headings, and question order.

How cells are mapped:

* a marker comment line ``# kata: pool_map`` in a code cell claims that cell, and the code cells
  after it, up to the next marker or the next question heading;
* otherwise a cell answers the question named by the nearest heading above it: a markdown cell
  naming a question ("Q4.", "4.)", "Ans 4", "## Question 4", or the question's wording), or a
  code cell opening with one ("# Q4", or the question pasted into it as text);
* one question may cover two katas (Q3: create_process and shared_array_squares); ``SPLIT_CLUES``
  then says which cells belong to which kata;
* when no cell names any question, the notebook is read in question order (``position_owners``).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Optional

from pytest_mpkata.notebook.attempts import Reach, answer_reach
from pytest_mpkata.notebook.cells import cell_magic, is_prose_line, syntax_error
from pytest_mpkata.notebook.questions import (
    CODE_RULES,
    MARKDOWN_RULES,
    TITLE_RULES,
    VERBATIM_SIMILARITY,
    KataQuestions,
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
from pytest_mpkata.notebook.reading import NotebookCell, parse_quietly, shown, source_lines

NOT_ANSWERED_MESSAGE = (
    "No answer to {questions} found in `{notebook}` (looked for {looked}{after}). Put your answer "
    'in a code cell below a markdown cell "{label}.", or mark it with `# kata: {kata_id}`.'
)
FOLLOWING_CELLS = "; {cells} follow{s} {label}"
NO_HEADINGS = "; no cell names a question, and no code cell is left for it in question order"
NOTEBOOK_ORDER_NOTE = (
    'No cell of your notebook names a question (such as a markdown cell "{label}."), so your '
    "answers were taken in the order of the questions: {cells} was taken as your answer to "
    '{label}. If that is wrong, put a markdown cell "{label}." above your answer.'
)
SPLIT_QUESTION_NOTE = (
    "Question {question} covers {katas}, and your cells for it ({cells}) cannot be split "
    "between them ({rule}): each of them is checked against the same code."
)
SPLIT_RULE = "cells that use `{clue}` answer {kata_id}"
REPEATED_NUMBER_NOTE = (
    "Cell {cell} numbers a question {label} a second time: it was taken as {following}, the "
    "question after {label}, since no cell names {following}. Number each question once."
)
LEFT_OUT_NOTE = (
    "{cells} under {label} {verb} not taken into your answer ({answer}): {reasons}. Keep scratch "
    "work out of your answers, or give it its own heading."
)
LEFT_OUT_REASON = "cell {cell} {reason}"
WORDS_CELL_NOTE = (
    "Cell {cell} is a code cell holding only words (`{text}`): it was read as {what}, not as code. "
    "Keep words in markdown cells."
)
WORDS_CELL_ROLES = ("the question's heading", "an explanation")

SPLIT_CLUES: Mapping[str, str] = {"shared_array_squares": "Array"}
"""When one question covers several katas: the name whose use marks a cell as that kata's."""
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


@dataclass(frozen=True)
class AnswerChoice:
    """The cells chosen for a kata, and why the choice may surprise the learner."""

    cells: tuple[NotebookCell, ...]
    notes: tuple[str, ...] = ()
    attempts: tuple[tuple[NotebookCell, ...], ...] = ()
    """Several complete attempts at the question, each graded on its own; ``cells`` is the last."""


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


def mentions_name(source: str, name: str) -> bool:
    """Whether a cell's code, comments aside, uses a name such as ``Array``."""
    code = "\n".join(line for line in source_lines(source) if not line.strip().startswith("#"))
    return re.search(rf"\b{re.escape(name)}\b", code) is not None


def choose_answer_cells(
    kata_id: str,
    cells: Sequence[NotebookCell],
    owners: Mapping[int, CellOwner],
    questions: Mapping[int, Question],
) -> AnswerChoice:
    """The code cells answering a kata: its marked cells if any, else its questions' cells."""
    code_cells = [cell for cell in cells if cell.kind == "code" and has_code(cell.source, questions)]
    marked = tuple(cell for cell in code_cells if owners.get(cell.number, NO_OWNER).marker_kata == kata_id)
    if marked:
        return AnswerChoice(marked)
    marked_katas = {owner.marker_kata for owner in owners.values()}
    chosen: list[NotebookCell] = []
    notes: list[str] = []
    attempts: list[list[NotebookCell]] = []
    for question in questions.values():
        if kata_id in question.kata_ids:
            asked = [cell for cell in code_cells if owners.get(cell.number, NO_OWNER).answers(question)]
            choice = split_question(kata_id, question, asked, marked_katas)
            reach = answer_reach(choice.cells, cells, questions)
            if len(reach.attempts) > 1:
                attempts = [[*chosen, *attempt] for attempt in reach.attempts]
            chosen.extend(reach.attempts[-1] if reach.attempts else ())
            notes.extend(choice.notes + position_notes(question, choice.cells, owners))
            notes.extend(question_notes(question, cells, owners, questions, reach))
    return AnswerChoice(by_number(chosen), tuple(dict.fromkeys(notes)), attempt_choices(attempts))


def by_number(cells: Sequence[NotebookCell]) -> tuple[NotebookCell, ...]:
    """Cells once each, in notebook order."""
    return tuple(sorted(set(cells), key=lambda cell: cell.number))


def attempt_choices(attempts: Sequence[Sequence[NotebookCell]]) -> tuple[tuple[NotebookCell, ...], ...]:
    """The attempts, when there are several; () for one answer."""
    return tuple(by_number(attempt) for attempt in attempts) if len(attempts) > 1 else ()


def question_notes(
    question: Question,
    cells: Sequence[NotebookCell],
    owners: Mapping[int, CellOwner],
    questions: Mapping[int, Question],
    reach: Reach,
) -> list[str]:
    """What the learner should know about a question's cells: words in code, renumbering, cells left out."""
    under = [cell for cell in cells if owners.get(cell.number, NO_OWNER).answers(question)]
    notes = [words_cell_note(cell, questions) for cell in under if is_words_cell(cell, questions)]
    notes += [owners[cell.number].note for cell in under if owners[cell.number].note]
    if reach.left_out:
        notes.append(left_out_note(question, reach))
    return notes


def words_cell_note(cell: NotebookCell, questions: Mapping[int, Question]) -> str:
    """Tell the learner a code cell of words was read as a heading or an explanation."""
    first = next(line.strip() for line in source_lines(cell.source) if line.strip())
    role = WORDS_CELL_ROLES[0] if opening_question(cell.source, questions) else WORDS_CELL_ROLES[1]
    return WORDS_CELL_NOTE.format(cell=cell.number, text=shown(first), what=role)


def left_out_note(question: Question, reach: Reach) -> str:
    """Name the cells under the question that were not taken into its answer, each with its reason."""
    numbers = [item.cell for item in reach.left_out]
    answer = [cell.number for attempt in reach.attempts for cell in attempt]
    return LEFT_OUT_NOTE.format(
        cells=cells_named(numbers).capitalize(),
        label=question.label,
        verb="was" if len(numbers) == 1 else "were",
        answer=cells_named(answer),
        reasons="; ".join(
            LEFT_OUT_REASON.format(cell=item.cell, reason=item.reason) for item in reach.left_out
        ),
    )


def position_notes(
    question: Question, chosen: Sequence[NotebookCell], owners: Mapping[int, CellOwner]
) -> tuple[str, ...]:
    """The note telling the learner their answer was found by its place in the notebook."""
    if not chosen or not owners[chosen[0].number].by_position:
        return ()
    cells = cells_named([cell.number for cell in chosen]).capitalize()
    return (NOTEBOOK_ORDER_NOTE.format(label=question.label, cells=cells),)


def split_question(
    kata_id: str, question: Question, asked: Sequence[NotebookCell], marked_katas: set[str]
) -> AnswerChoice:
    """The kata's share of a question's cells; everything, with a note, if they do not split."""
    sharing = [kata for kata in question.kata_ids if kata not in marked_katas]
    if len(sharing) < 2 or not asked:
        return AnswerChoice(tuple(asked))
    shares = {kata: cells_for_kata(kata, sharing, asked) for kata in sharing}
    if all(shares.values()) and any(kata in SPLIT_CLUES for kata in sharing):
        return AnswerChoice(shares[kata_id])
    return AnswerChoice(tuple(asked), (split_note(question, sharing, asked),))


def cells_for_kata(
    kata_id: str, sharing: Sequence[str], asked: Sequence[NotebookCell]
) -> tuple[NotebookCell, ...]:
    """The cells using the kata's clue, or, for a kata without one, those using no clue."""
    clue = SPLIT_CLUES.get(kata_id)
    if clue:
        return tuple(cell for cell in asked if mentions_name(cell.source, clue))
    clues = [SPLIT_CLUES[kata] for kata in sharing if kata in SPLIT_CLUES]
    return tuple(cell for cell in asked if not any(mentions_name(cell.source, c) for c in clues))


def split_note(question: Question, sharing: Sequence[str], asked: Sequence[NotebookCell]) -> str:
    """Tell the learner that two katas are checked against the same cells, and the rule."""
    rules = [SPLIT_RULE.format(clue=SPLIT_CLUES[k], kata_id=k) for k in sharing if k in SPLIT_CLUES]
    return SPLIT_QUESTION_NOTE.format(
        question=question.label,
        katas=" and ".join(sharing),
        cells=cells_named([cell.number for cell in asked]),
        rule="; ".join(rules) or "no rule tells them apart",
    )


def cells_named(numbers: Sequence[int]) -> str:
    """Cell numbers as a learner reads them: "cell 3", "cells 3, 4" or "cells 7 to 9" (with a dash)."""
    if len(numbers) == 1:
        return f"cell {numbers[0]}"
    if len(numbers) > 2 and list(numbers) == list(range(numbers[0], numbers[-1] + 1)):
        return f"cells {numbers[0]}\u2013{numbers[-1]}"
    return "cells " + ", ".join(map(str, numbers))


def not_answered_message(
    kata: KataQuestions,
    notebook: str,
    cells: Sequence[NotebookCell],
    owners: Mapping[int, CellOwner],
    questions: Mapping[int, Question],
) -> str:
    """Say, in notebook terms, which question has no answer and where the finder looked."""
    labels = list(kata.questions) or [kata.kata_id]
    looked = [f"a heading {label} / {label_number(label)}." for label in labels if label_number(label)]
    return NOT_ANSWERED_MESSAGE.format(
        questions=" or ".join(labels),
        notebook=notebook,
        looked=" / ".join([*looked, "the question's words"]),
        after=where_it_could_be(kata, cells, owners, questions),
        label=labels[0],
        kata_id=kata.kata_id,
    )


def where_it_could_be(
    kata: KataQuestions,
    cells: Sequence[NotebookCell],
    owners: Mapping[int, CellOwner],
    questions: Mapping[int, Question],
) -> str:
    """The code cells under the nearest earlier answered question, where a lost answer may hide."""
    if any(owner.by_position for owner in owners.values()):
        return NO_HEADINGS
    wanted = min((label_number(label) for label in kata.questions), default=0)
    code_cells = [cell for cell in cells if cell.kind == "code" and has_code(cell.source, questions)]
    for question in sorted(questions.values(), key=lambda q: -q.number):
        under = [cell.number for cell in code_cells if owners.get(cell.number, NO_OWNER).answers(question)]
        if 0 < question.number < wanted and under:
            s = "s" if len(under) == 1 else ""
            return FOLLOWING_CELLS.format(cells=cells_named(under), s=s, label=question.label)
    return ""
