"""A theory question's answer in words, for an instructor to read.

Theory questions (Q1, Q2, Q4) are answered in markdown cells, or in code cells of comments only,
under the question's heading, or, in a notebook without headings, in question order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Optional

from pytest_mpkata.notebook.owners import answer_text, assign_owners
from pytest_mpkata.notebook.questions import KataQuestions, question_index
from pytest_mpkata.notebook.reading import PathArgument, notebook_cells, read_notebook

__all__ = ["TheoryAnswer", "theory_answer"]


@dataclass(frozen=True)
class TheoryAnswer:
    """The learner's answer in words to one question, and the cells it was taken from."""

    question_id: str
    labels: tuple[str, ...]
    text: str
    cells: tuple[int, ...]
    by_position: bool = False


def theory_answer(
    path: PathArgument, question_id: str, catalogue: Mapping[str, KataQuestions]
) -> Optional[TheoryAnswer]:
    """The words answering ``question_id`` in the notebook at ``path``; None when there are none.

    Heading lines (the question's label or wording alone) are left out of the text.
    """
    cells = notebook_cells(read_notebook(path, require_code=False))
    questions = question_index(catalogue)
    asked = [question for question in questions.values() if question_id in question.kata_ids]
    owners = assign_owners(cells, questions)
    found = [
        (cell.number, text)
        for cell in cells
        if cell.number in owners and any(owners[cell.number].answers(question) for question in asked)
        for text in [answer_text(cell, questions)]
        if text
    ]
    if not found:
        return None
    return TheoryAnswer(
        question_id=question_id,
        labels=tuple(question.label for question in asked),
        text="\n\n".join(text for _, text in found),
        cells=tuple(number for number, _ in found),
        by_position=any(owners[number].by_position for number, _ in found),
    )
