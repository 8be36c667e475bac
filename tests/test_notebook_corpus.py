"""The finder against the corpus: every question of every learner notebook is found where it is.

Two catalogues: one id per course question (``q1``..``q6``, as the course checks map them) and
the katas' own catalogue, where Q3 covers two katas and theory questions have code katas.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
from notebook_corpus import CORPUS, LABELS, THEORY, CorpusNotebook, Expected  # noqa: E402

from pytest_mpkata.kata.catalogue import load_catalogue  # noqa: E402
from pytest_mpkata.notebook import (  # noqa: E402
    NOTEBOOK_ORDER_NOTE,
    AnswerDoesNotCompile,
    ExtractedProgram,
    KataQuestions,
    NotebookNotAnswered,
    extract_program,
    theory_answer,
)

ROOT = Path(__file__).resolve().parent.parent
KATAS = {
    kata.kata_id: KataQuestions(kata.kata_id, kata.questions, kata.question_text)
    for kata in load_catalogue(ROOT / "katas")
}
WORDING = {label: text for kata in KATAS.values() for label, text in zip(kata.questions, kata.question_text)}
QUESTIONS = {
    f"q{number}": KataQuestions(f"q{number}", (label,), (WORDING[label],))
    for number, label in enumerate(LABELS, start=1)
}
PAIRS = [(entry, number) for entry in CORPUS for number in range(1, 7)]
KATA_PAIRS = [(entry, kata_id) for entry in CORPUS for kata_id in sorted(KATAS) if KATAS[kata_id].questions]
"""Each notebook with each kata that answers a course question (katas 08-10 answer none)."""


@pytest.fixture(scope="module")
def notebooks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("corpus")
    paths = {}
    for entry in CORPUS:
        paths[entry.name] = folder / f"{entry.name}.ipynb"
        nbformat.write(entry.notebook(), str(paths[entry.name]))
    return paths


def found(
    path: Path, answer_id: str, catalogue: Mapping[str, KataQuestions]
) -> tuple[str, ExtractedProgram | None]:
    """What the finder makes of one answer: found, absent or does-not-compile."""
    try:
        return "found", extract_program(path, answer_id, catalogue)
    except AnswerDoesNotCompile as error:
        return "does-not-compile", error.repaired
    except NotebookNotAnswered:
        return "absent", None


def expected_outcome(expected: Expected) -> str:
    if not expected.present:
        return "absent"
    return "does-not-compile" if expected.does_not_compile else "found"


def pair_id(pair: tuple[CorpusNotebook, object]) -> str:
    return f"{pair[0].name}-{pair[1]}"


@pytest.mark.parametrize("pair", PAIRS, ids=[pair_id(pair) for pair in PAIRS])
def test_each_course_question_is_found_in_its_cells(
    notebooks: dict[str, Path], pair: tuple[CorpusNotebook, int]
) -> None:
    entry, number = pair
    expected = entry.expected[number]
    outcome, program = found(notebooks[entry.name], f"q{number}", QUESTIONS)
    assert outcome == expected_outcome(expected)
    assert (program.cells if program else ()) == expected.code
    assert tuple(attempt.cells for attempt in (program.attempts if program else ())) == expected.attempts
    if program and entry.style == "no_headings":
        assert any(note.startswith(NOTEBOOK_ORDER_NOTE.split("{")[0]) for note in program.notes)


@pytest.mark.parametrize("pair", KATA_PAIRS, ids=[pair_id(pair) for pair in KATA_PAIRS])
def test_each_kata_is_found_in_its_questions_cells(
    notebooks: dict[str, Path], pair: tuple[CorpusNotebook, str]
) -> None:
    entry, kata_id = pair
    expected = entry.expected[LABELS.index(KATAS[kata_id].questions[0]) + 1]
    outcome, program = found(notebooks[entry.name], kata_id, KATAS)
    assert outcome == expected_outcome(expected)
    assert (program.cells if program else ()) == expected.code


@pytest.mark.parametrize("entry", CORPUS, ids=[entry.name for entry in CORPUS])
def test_each_theory_answer_is_found_in_its_cells(notebooks: dict[str, Path], entry: CorpusNotebook) -> None:
    for number in THEORY:
        answer = theory_answer(notebooks[entry.name], f"q{number}", QUESTIONS)
        assert (answer.cells if answer else ()) == entry.expected[number].theory, f"Q{number}"


def test_the_corpus_covers_every_style_and_answer_kind() -> None:
    outcomes = {expected_outcome(e) for entry in CORPUS for e in entry.expected.values()}
    qualities = {e.quality for entry in CORPUS for e in entry.expected.values()}
    assert len(CORPUS) >= 40
    assert outcomes == {"found", "absent", "does-not-compile"}
    assert {"correct", "fragile", "wrong"} <= qualities
