"""The kata catalogue: each kata's metadata, read from its ``kata.toml``."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pytest_mpkata.kata.inputs import ChosenInput, inputs_from

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.9/3.10 only
    import tomli as tomllib

__all__ = [
    "DEFAULT_POINTS",
    "DEFAULT_TIME_LIMIT",
    "METADATA_FILE",
    "MUTANTS_FOLDER",
    "NOTEBOOK_SUFFIX",
    "SOLUTION_FILE",
    "STATEMENT_FILE",
    "VARIANTS_FOLDER",
    "Kata",
    "kata_for_test_file",
    "load_catalogue",
    "load_kata",
]

METADATA_FILE = "kata.toml"
STATEMENT_FILE = "README.md"
SOLUTION_FILE = "solution.py"
MUTANTS_FOLDER = "mutants"
VARIANTS_FOLDER = "variants"
DEFAULT_POINTS = 10.0
"""What a kata is worth when its kata.toml does not say."""
NOTEBOOK_SUFFIX = ".ipynb"
"""A learner may hand in a Jupyter notebook instead of the kata's script."""
DEFAULT_TIME_LIMIT = 10.0


@dataclass(frozen=True)
class Kata:
    """One exercise: where it lives, what it is worth, how long a run may take, its hints."""

    kata_id: str
    title: str
    order: int
    directory: Path
    points: float = DEFAULT_POINTS
    time_limit: float = DEFAULT_TIME_LIMIT
    summary: str = ""
    teaches: str = ""
    answer: str = "code"
    """How the question is answered: ``code`` (graded here), ``words`` (read by the instructor), or
    ``words_and_code`` (words for the instructor, code graded when there is some)."""
    hints: tuple[str, ...] = ()
    exact_log: bool = False
    """test.log may hold only the lines asked for (the rules say so); by default other lines are fine."""
    questions: tuple[str, ...] = ()
    question_text: tuple[str, ...] = ()
    runs_alone: bool = False
    """Its runs never overlap another run of the session (checks that measure parallelism)."""
    central: tuple[str, ...] = ()
    """What a program must have done for any check of the kata to give points (``judge.central``):
    ``process``, ``pool``, ``queue``, ``pipe``, ``shared_array``, ``shared_value``, ``thread``."""
    inputs: tuple[ChosenInput, ...] = ()
    """The constants its statement fixes, each with other data the checker runs it with
    (``[inputs.NAME]`` tables, ``kata.inputs``)."""
    starts_broken: bool = False
    """The starter is a program with a bug to fix, not an empty outline: run as handed out it does
    real work and fails, and that failure is the lesson (the Rustlings way)."""
    starter_shows: str = ""
    """For a kata that starts broken: words the untouched starter's failure must say (the message
    that teaches its bug); ``python -m pytest_mpkata check --run`` proves it does."""

    @property
    def file_name(self) -> str:
        """The learner's file, also the name instructors' submissions use."""
        return f"{self.kata_id}.py"

    @property
    def starter(self) -> Path:
        return self.directory / self.file_name

    @property
    def label(self) -> str:
        return f"{self.order:02d} {self.kata_id}"

    @property
    def folder_name(self) -> str:
        """The name the kata's folder must have: ``NN_<kata_id>``, NN its order."""
        return f"{self.order:02d}_{self.kata_id}"

    @property
    def test_file(self) -> Path:
        return self.directory / f"test_{self.kata_id}.py"

    @property
    def statement(self) -> Path:
        return self.directory / STATEMENT_FILE

    @property
    def solution(self) -> Path:
        """The reference solution, the one source of ``solutions/<kata_id>.py``."""
        return self.directory / SOLUTION_FILE

    @property
    def mutants(self) -> tuple[Path, ...]:
        """Wrong programs, each rejected by the check its header names."""
        return tuple(sorted((self.directory / MUTANTS_FOLDER).glob("*.py")))

    @property
    def variants(self) -> tuple[Path, ...]:
        """Correct programs unlike the reference solution, each passing every check."""
        return tuple(sorted((self.directory / VARIANTS_FOLDER).glob("*.py")))


def load_kata(directory: Path) -> Kata:
    """Read ``directory/kata.toml``; raise ValueError naming the file when it is wrong."""
    path = directory / METADATA_FILE
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
        return Kata(
            kata_id=str(data["id"]),
            title=str(data.get("title", data["id"])),
            order=int(data.get("order", 0)),
            directory=directory.resolve(),
            points=float(data.get("points", DEFAULT_POINTS)),
            time_limit=float(data.get("time_limit", DEFAULT_TIME_LIMIT)),
            summary=str(data.get("summary", "")),
            teaches=str(data.get("teaches", "")),
            answer=str(data.get("answer", "code")),
            hints=tuple(str(h) for h in data.get("hints", ())),
            exact_log=bool(data.get("exact_log", False)),
            questions=tuple(str(q) for q in data.get("questions", ())),
            question_text=tuple(str(q) for q in data.get("question_text", ())),
            runs_alone=bool(data.get("runs_alone", False)),
            central=tuple(str(act) for act in data.get("central", ())),
            inputs=inputs_from(data.get("inputs", {})),
            starts_broken=bool(data.get("starts_broken", False)),
            starter_shows=str(data.get("starter_shows", "")),
        )
    except (OSError, KeyError, ValueError, TypeError) as error:
        raise ValueError(f'{path}: invalid kata metadata ({error}); expected e.g. id = "pool_map"') from error


def kata_for_test_file(path: Path) -> Kata | None:
    """The kata a test file belongs to: the ``kata.toml`` beside it, if any."""
    if not (path.parent / METADATA_FILE).is_file():
        return None
    return load_kata(path.parent)


def load_catalogue(root: Path) -> tuple[Kata, ...]:
    """Every kata under ``root`` (folders holding a ``kata.toml``), in kata order."""
    katas = [load_kata(meta.parent) for meta in sorted(root.glob(f"*/{METADATA_FILE}"))]
    return tuple(sorted(katas, key=lambda kata: (kata.order, kata.kata_id)))
