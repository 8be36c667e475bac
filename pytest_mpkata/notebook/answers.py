"""Which code cells answer a kata, from what every cell answers (``owners``), and what to tell the learner.

* a kata's marked cells (``# kata: pool_map``) are its answer;
* otherwise the code cells under its questions, split into attempts and cells out of reach
  (``attempts``);
* one question may cover two katas (Q3: create_process and shared_array_squares); ``SPLIT_CLUES``
  then says which cells belong to which kata;
* an absent answer is named in the notebook's terms (``not_answered_message``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pytest_mpkata.notebook.attempts import Reach, answer_reach
from pytest_mpkata.notebook.owners import (
    NO_OWNER,
    CellOwner,
    has_code,
    is_words_cell,
    opening_question,
)
from pytest_mpkata.notebook.questions import (
    KataQuestions,
    Question,
    label_number,
)
from pytest_mpkata.notebook.reading import NotebookCell, shown, source_lines

__all__ = [
    "NOTEBOOK_ORDER_NOTE",
    "AnswerChoice",
    "cells_named",
    "choose_answer_cells",
    "not_answered_message",
]

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


@dataclass(frozen=True)
class AnswerChoice:
    """The cells chosen for a kata, and why the choice may surprise the learner."""

    cells: tuple[NotebookCell, ...]
    notes: tuple[str, ...] = ()
    attempts: tuple[tuple[NotebookCell, ...], ...] = ()
    """Several complete attempts at the question, each graded on its own; ``cells`` is the last."""


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
