"""The package's import graph runs one way, down the stages, with no circle.

Stages, lowest first: the kata catalogue and the trace record schema (``run/records.py``); the
notebook reader (a learner file becomes a program); run; trace; judge; the settings; session;
learner and grade; authoring (which grades the catalogue itself); the plugin.  A module may import
its own stage or a lower one, never a higher one, and never a sibling stage (learner and grade do
not know each other).  Imports made only for type checking count too: an arrow is an arrow.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pytest_mpkata"
README = PACKAGE.parent / "README.md"
MAX_MODULE_LINES = 400
LONG_MODULES_TO_SPLIT: set[str] = set()
"""Modules known to be over the limit; the test fails once one is split, to take it off this list."""
WITHOUT_ALL = {
    # The trace record schema: every learner process loads it by path, and its names are all
    # its constants (kinds, fields, bounds) and the encoding, read as ``records.NAME``.
    "pytest_mpkata.run.records",
}
"""Public modules known to lack ``__all__``."""

STAGES = (
    ("pytest_mpkata.kata", 0),
    ("pytest_mpkata.run.records", 0),
    ("pytest_mpkata.notebook", 1),
    ("pytest_mpkata.run", 2),
    ("pytest_mpkata.trace", 3),
    ("pytest_mpkata.judge", 4),
    ("pytest_mpkata.checks", 4.5),
    ("pytest_mpkata.settings", 4.8),
    ("pytest_mpkata.options", 4.9),
    ("pytest_mpkata.session", 5),
    ("pytest_mpkata.learner", 6),
    ("pytest_mpkata.grade", 6),
    ("pytest_mpkata.authoring", 6.5),
    ("pytest_mpkata.hookspecs", 7),
    ("pytest_mpkata.plugin", 7.5),
    ("pytest_mpkata.__main__", 7.5),
    ("pytest_mpkata", 8),
)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_modules() -> dict[str, Path]:
    files = (p for p in PACKAGE.rglob("*.py") if "_tracer" not in p.parts)
    return {module_name(path): path for path in sorted(files)}


def imports_of(path: Path, modules: dict[str, Path]) -> set[str]:
    """The package modules ``path`` imports, resolved to the longest known module name."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name.startswith("pytest_mpkata"):
                found.add(name)
    return found


def stage_of(module: str) -> tuple[str, float]:
    for prefix, rank in STAGES:
        if module == prefix or module.startswith(prefix + "."):
            return prefix, rank
    raise AssertionError(f"{module} belongs to no stage: add it to STAGES")


def graph() -> dict[str, set[str]]:
    modules = package_modules()
    return {name: imports_of(path, modules) - {name} for name, path in modules.items()}


def test_no_import_runs_back_up_the_stages() -> None:
    wrong = []
    for module, imported in graph().items():
        stage, rank = stage_of(module)
        for other in sorted(imported):
            other_stage, other_rank = stage_of(other)
            if other_rank > rank or (other_rank == rank and other_stage != stage):
                wrong.append(f"{module} ({stage}) imports {other} ({other_stage})")
    assert not wrong, "imports against the stages:\n" + "\n".join(wrong)


def test_the_import_graph_has_no_cycle() -> None:
    edges = graph()
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                pytest.fail("import cycle: " + " -> ".join([*path, node, nxt]))
            if nxt not in state:
                visit(nxt, [*path, node])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [])


def test_no_module_is_over_the_line_limit() -> None:
    """The tracer and the supervisor count too: they are the package's code, run elsewhere."""
    lengths = {path: len(path.read_text(encoding="utf-8").splitlines()) for path in PACKAGE.rglob("*.py")}
    long = {
        path.relative_to(PACKAGE).as_posix() for path, count in lengths.items() if count > MAX_MODULE_LINES
    }
    assert long == LONG_MODULES_TO_SPLIT


OUTSIDE_PYTEST = (
    "run/_tracer",
    "run/_supervisor.py",
    "run/_sandbox.py",
    "run/_landlock.py",
    "run/_namespaces.py",
)
"""What runs in a learner's or the supervisor's bare process, loading its siblings by path."""


@pytest.mark.parametrize("folder", OUTSIDE_PYTEST)
def test_what_runs_outside_pytest_imports_nothing_of_the_package(folder: str) -> None:
    """The tracer, the supervisor and the sandbox load what they share by path, never by import."""
    where = PACKAGE / folder
    for path in [where] if where.is_file() else sorted(where.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not [n for n in names if n.startswith("pytest_mpkata")], f"{path} imports the package"


def test_the_record_schema_imports_nothing_of_the_package() -> None:
    assert graph()["pytest_mpkata.run.records"] == set()


def test_the_model_does_not_know_the_builder() -> None:
    assert "pytest_mpkata.trace.builder" not in graph()["pytest_mpkata.trace.model"]
    assert "pytest_mpkata.trace.model" in graph()["pytest_mpkata.trace.builder"]


def declares_all(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    targets = [t for node in tree.body if isinstance(node, ast.Assign) for t in node.targets]
    return any(isinstance(target, ast.Name) and target.id == "__all__" for target in targets)


def test_every_public_module_declares_what_it_exports() -> None:
    """A package whose ``__init__`` only describes it exports nothing and needs no list."""
    lacking = set()
    for name, path in package_modules().items():
        public = not any(part.startswith("_") for part in name.split(".")[1:])
        only_a_docstring = path.name == "__init__.py" and len(ast.parse(path.read_text()).body) <= 1
        if public and not only_a_docstring and not declares_all(path):
            lacking.add(name)
    assert lacking == WITHOUT_ALL


def documented_checks() -> list[str]:
    """The names in the README's table of checks, between its ``checks.__all__`` markers."""
    text = README.read_text(encoding="utf-8")
    table = text.split("<!-- checks.__all__ -->")[1].split("<!-- /checks.__all__ -->")[0]
    return re.findall(r"^\| `(\w+)", table, re.MULTILINE)


def test_the_checks_module_exports_what_the_readme_documents() -> None:
    from pytest_mpkata import checks

    assert sorted([*documented_checks(), "Message"]) == sorted(checks.__all__)
