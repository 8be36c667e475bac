"""A notebook submission turned into the program a kata runs, or an answer in words.

``reading`` reads the file and numbers its cells; ``questions`` knows how a line names a
question; ``owners`` decides what every cell answers (markers, headings, question order);
``attempts`` splits a question's code cells into attempts and cells out of reach; ``answers``
chooses the cells of a kata and says why; ``cells`` makes one code cell plain Python;
``borrowing`` finds what an answer takes from earlier cells; ``program`` builds and locates the
program; ``theory`` gives an answer in words; ``kernel`` runs an answer the way Jupyter does.
``nbformat`` is imported only when a notebook is read.
"""

from __future__ import annotations

from pytest_mpkata.notebook.answers import NOTEBOOK_ORDER_NOTE
from pytest_mpkata.notebook.kernel import (
    KERNEL_SPAWN_ADVICE,
    kernel_style_program,
    notebook_defined_targets,
)
from pytest_mpkata.notebook.program import (
    AnswerDoesNotCompile,
    ExtractedProgram,
    cell_location,
    extract_program,
    rewrite_traceback,
)
from pytest_mpkata.notebook.questions import KataQuestions
from pytest_mpkata.notebook.reading import NotebookError, NotebookNotAnswered, read_notebook
from pytest_mpkata.notebook.theory import TheoryAnswer, theory_answer

__all__ = [
    "KERNEL_SPAWN_ADVICE",
    "NOTEBOOK_ORDER_NOTE",
    "AnswerDoesNotCompile",
    "ExtractedProgram",
    "KataQuestions",
    "NotebookError",
    "NotebookNotAnswered",
    "TheoryAnswer",
    "cell_location",
    "extract_program",
    "kernel_style_program",
    "notebook_defined_targets",
    "read_notebook",
    "rewrite_traceback",
    "theory_answer",
]
