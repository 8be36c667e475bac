"""The forms real notebooks take that a finder must read as the learner meant them.

Code cells of words, scratch cells below an answer, several attempts at one question, a question
pasted inside a string, a question numbered twice: each is found where it is, and the learner is
told, in the notebook's terms, how it was read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
from test_notebook_unit import CATALOGUE, WORDING, code, extract, md  # noqa: E402

from pytest_mpkata.notebook import AnswerDoesNotCompile, ExtractedProgram, theory_answer  # noqa: E402
from pytest_mpkata.notebook.program import ATTEMPT_NOTE  # noqa: E402

FOUR_PROCESSES = (
    "import multiprocessing\n\n"
    "def show(n):\n"
    "    print(n)\n\n"
    'if __name__ == "__main__":\n'
    "    workers = [multiprocessing.Process(target=show, args=(n,)) for n in range(4)]\n"
    "    for worker in workers:\n"
    "        worker.start()\n"
    "    for worker in workers:\n"
    "        worker.join()"
)
ONE_PROCESS = FOUR_PROCESSES.replace("for n in range(4)", "for n in [7]")


def notes_of(program: ExtractedProgram) -> str:
    return "\n".join(program.notes)


def answer_to_q6(tmp_path: Path, *cells: nbformat.NotebookNode) -> ExtractedProgram:
    """The program answering Q6 in a notebook of its heading and these cells."""
    return extract(tmp_path, "four_numbered_processes", md("Q6. " + WORDING["Q6"]), *cells)


def after_q5(tmp_path: Path, *cells: nbformat.NotebookNode) -> ExtractedProgram:
    """The program answering Q6 in a notebook of Q5's heading and these cells: Q6 is named in them."""
    return extract(tmp_path, "four_numbered_processes", md("Q5. " + WORDING["Q5"]), *cells)


def test_a_code_cell_of_the_question_and_a_paragraph_is_a_heading_not_code(tmp_path: Path) -> None:
    program = after_q5(
        tmp_path,
        code(f"Q6. {WORDING['Q6']}\nAns-\nWe start four processes and each one prints its own number."),
        code(FOUR_PROCESSES),
    )

    assert program.cells == (3,)
    assert "Cell 2 is a code cell holding only words (`Q6." in notes_of(program)
    assert "it was read as the question's heading, not as code" in notes_of(program)


def test_an_explanation_written_in_a_code_cell_does_not_break_the_answer_above(tmp_path: Path) -> None:
    program = answer_to_q6(
        tmp_path,
        code(FOUR_PROCESSES),
        code("Let us try to understand the above code:\n# each Process runs show with its own n"),
    )

    assert program.cells == (2,)
    assert "Cell 3 is a code cell holding only words (`Let us try" in notes_of(program)
    assert "it was read as an explanation" in notes_of(program)


def test_a_code_cell_mixing_prose_and_code_still_does_not_run_as_handed_in(tmp_path: Path) -> None:
    with pytest.raises(AnswerDoesNotCompile, match="Cell 2 does not run as handed in"):
        answer_to_q6(
            tmp_path,
            code("Let us try to understand the above code:\n" + FOUR_PROCESSES),
        )


def test_words_in_a_code_cell_are_an_answer_in_words(tmp_path: Path) -> None:
    path = tmp_path / "answers.ipynb"
    cells = [
        md("Q3. " + WORDING["Q3"]),
        code(f"Q4. {WORDING['Q4']}\nAns- A pool is a set of worker processes\nthat share the tasks"),
    ]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), str(path))

    answer = theory_answer(path, "pool_map", CATALOGUE)

    assert answer is not None and answer.cells == (2,)
    assert "A pool is a set of worker processes" in answer.text


def test_scratch_cells_below_an_answer_are_left_out_with_their_reasons(tmp_path: Path) -> None:
    program = answer_to_q6(
        tmp_path,
        code(FOUR_PROCESSES),
        code("    import os"),
        code("print(total)"),
        code("total = sum(range(10))"),
    )

    assert program.cells == (2,)
    note = next(note for note in program.notes if note.startswith("Cells 3\u20135 under Q6 were not taken"))
    assert "cell 3 does not compile on its own" in note
    assert "cell 4 uses `total`, which no cell above it defines" in note
    assert "cell 5 does not use anything your answer defines" in note


def test_a_cell_that_builds_on_the_answer_joins_it(tmp_path: Path) -> None:
    program = answer_to_q6(
        tmp_path,
        code(
            "import multiprocessing\n\ndef show(n):\n    print(n)\n\np = multiprocessing.Process(target=show)"
        ),
        code("p.start()\np.join()"),
    )

    assert program.cells == (2, 3)
    assert program.attempts == ()


def test_several_complete_attempts_are_programs_of_their_own(tmp_path: Path) -> None:
    program = answer_to_q6(
        tmp_path,
        code(ONE_PROCESS),
        code(FOUR_PROCESSES),
    )

    assert [attempt.cells for attempt in program.attempts] == [(2,), (3,)]
    assert program.cells == (3,)
    first = ATTEMPT_NOTE.format(label="Q6", count=2, all="cells 2, 3", cells="cell 2")
    assert first in program.attempts[0].notes
    assert program.attempts[0].source.count("multiprocessing.Process(") == 1


def test_an_attempt_that_reuses_the_setup_cells_gets_them(tmp_path: Path) -> None:
    guarded = FOUR_PROCESSES.split("\n\n")[-1]
    program = answer_to_q6(
        tmp_path,
        code("import multiprocessing\n\ndef show(n):\n    print(n)"),
        code(guarded.replace("range(4)", "[7]")),
        code(guarded),
    )

    assert [attempt.cells for attempt in program.attempts] == [(2, 3), (2, 4)]


def test_a_question_pasted_inside_a_string_opens_its_code_cell(tmp_path: Path) -> None:
    program = after_q5(
        tmp_path,
        code(f'"""Q6. {WORDING["Q6"]}"""\n\n{FOUR_PROCESSES}'),
    )

    assert program.cells == (2,)


def test_a_question_numbered_twice_is_taken_as_the_next_one(tmp_path: Path) -> None:
    program = extract(
        tmp_path,
        "four_numbered_processes",
        md("4.)"),
        code("from multiprocessing import Pool"),
        md("5.)"),
        code("print(1)"),
        md("5.)"),
        code(FOUR_PROCESSES),
    )

    assert program.cells == (6,)
    assert (
        "Cell 5 numbers a question Q5 a second time: it was taken as Q6, the question after Q5, "
        "since no cell names Q6." in notes_of(program)
    )
