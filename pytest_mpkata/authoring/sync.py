"""What the kata folders generate, and writing it: README sections, tables, ``solutions/``.

The repository around a katas folder: ``<root>/katas/`` (the catalogue and its README),
``<root>/README.md`` (the project's table of katas, when the file exists) and
``<root>/solutions/`` (one copy of each kata's ``solution.py``, the reference set that CI
and instructors grade). The self-check compares these files with what this module
computes; ``sync`` writes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pytest_mpkata.authoring.statement import (
    Section,
    kata_sections,
    katas_sections,
    project_sections,
    with_sections,
)
from pytest_mpkata.kata.catalogue import STATEMENT_FILE, Kata, load_catalogue

__all__ = [
    "SOLUTIONS_FOLDER",
    "Repository",
    "expected_solutions",
    "generated_sections",
    "is_copy",
    "stray_solutions",
    "sync",
]

SOLUTIONS_FOLDER = "solutions"


@dataclass(frozen=True)
class Repository:
    """A katas folder and the generated files around it."""

    katas_dir: Path

    @property
    def root(self) -> Path:
        return self.katas_dir.parent

    @property
    def solutions(self) -> Path:
        return self.root / SOLUTIONS_FOLDER

    @property
    def katas_readme(self) -> Path:
        return self.katas_dir / STATEMENT_FILE

    @property
    def project_readme(self) -> Path:
        return self.root / STATEMENT_FILE

    def catalogue(self) -> tuple[Kata, ...]:
        return load_catalogue(self.katas_dir)

    def relative(self, path: Path) -> str:
        """``path`` as the user sees it, from the repository root."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


def generated_sections(repo: Repository, katas: Sequence[Kata]) -> dict[Path, tuple[Section, ...]]:
    """Each existing README and the sections generated into it."""
    wanted = {kata.statement: kata_sections(kata) for kata in katas}
    wanted[repo.katas_readme] = katas_sections(katas)
    wanted[repo.project_readme] = project_sections(katas)
    return {path: sections for path, sections in wanted.items() if path.is_file()}


def expected_solutions(repo: Repository, katas: Sequence[Kata]) -> dict[Path, Path]:
    """Each file of ``solutions/`` and the kata ``solution.py`` it copies."""
    return {repo.solutions / kata.file_name: kata.solution for kata in katas if kata.solution.is_file()}


def stray_solutions(repo: Repository, katas: Sequence[Kata]) -> list[Path]:
    """Files in ``solutions/`` that copy no kata's solution."""
    wanted = expected_solutions(repo, katas)
    return [path for path in sorted(repo.solutions.glob("*.py")) if path not in wanted]


def is_copy(copy: Path, original: Path) -> bool:
    return copy.is_file() and copy.read_bytes() == original.read_bytes()


def sync(repo: Repository) -> list[Path]:
    """Rewrite every generated README section and ``solutions/``; return the files changed."""
    katas = repo.catalogue()
    changed = []
    for path, sections in generated_sections(repo, katas).items():
        text = path.read_text(encoding="utf-8")
        updated = with_sections(text, sections)
        if updated != text:
            path.write_text(updated, encoding="utf-8")
            changed.append(path)
    for copy, original in expected_solutions(repo, katas).items():
        if not is_copy(copy, original):
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(original.read_bytes())
            changed.append(copy)
    for stray in stray_solutions(repo, katas):
        stray.unlink()
        changed.append(stray)
    return changed
