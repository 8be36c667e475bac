"""The kata catalogue proves itself: statements and hints exist, every starter fails,
every reference solution and correct variant passes, every mutant is rejected by the
check it names, with the message it names.  Everything is found from the catalogue: a
kata's folder holds its solution, ``mutants/`` and ``variants/``.

Each kata is graded once, as a class of submissions (reference, starter, mutants,
variants) in one batch session; the tests below read that session's JUnit report.  The
reference, the starter and the variants are graded under all three start methods, and so is
a mutant whose header names the methods it is rejected under (``methods: spawn forkserver``);
a mutant rejected under every method is graded under one, the three taken in turn through the
kata's mutants, so each method judges a third of them and the catalogue runs in a third of
the time.  ``MPKATA_TEST_EVERY_METHOD=1`` grades every mutant under every method (run it after
changing a check or the tracer).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from mpkata_only_methods import OPTION as ONLY_METHODS_OPTION
from mpkata_only_methods import submission_and_method
from mpkata_testing import batch_args

from pytest_mpkata.authoring.selfcheck import check_catalogue, example_header
from pytest_mpkata.kata.catalogue import Kata, load_catalogue
from pytest_mpkata.run.runner import available_start_methods

ROOT = Path(__file__).resolve().parent.parent
KATAS = load_catalogue(ROOT / "katas")
METHODS = available_start_methods()
TIME_LIMIT = "6"
EVERY_METHOD = os.environ.get("MPKATA_TEST_EVERY_METHOD", "") == "1"
TESTS = Path(__file__).resolve().parent
LAUNCH = (
    "import sys; sys.path.insert(0, sys.argv.pop(1)); import pytest, mpkata_only_methods;"
    " sys.exit(pytest.main(sys.argv[1:], plugins=[mpkata_only_methods]))"
)
"""``pytest`` with the plugin that grades rotated mutants under their one method, handed to it
as an object: nothing reaches the environment a learner's program inherits."""


@dataclass(frozen=True)
class Example:
    """A mutant or a correct variant, with what its header says about it."""

    kata: Kata
    path: Path
    kind: str
    rejected_by: str = ""
    methods: tuple[str, ...] = ()
    message: str = ""

    @property
    def submission(self) -> str:
        return f"{self.kind[0]}-{self.path.stem}"

    def __str__(self) -> str:
        return f"{self.kata.kata_id}/{self.path.stem}"


def read_example(kata: Kata, path: Path, kind: str) -> Example:
    fields = example_header(path)
    methods = tuple(m for m in fields.get("methods", " ".join(METHODS)).split() if m in METHODS)
    return Example(kata, path, kind, fields.get("rejected-by", ""), methods, fields.get("message", ""))


def examples(kind: str) -> list[Example]:
    found = []
    for kata in KATAS:
        for path in kata.mutants if kind == "mutant" else kata.variants:
            found.append(read_example(kata, path, kind))
    return found if kind != "mutant" or EVERY_METHOD else rotated_methods(found)


def rotated_methods(mutants: list[Example]) -> list[Example]:
    """Each kata's mutants that every method rejects get one method each, the three in turn."""
    rotated: list[Example] = []
    turn: dict[str, int] = {}
    for mutant in mutants:
        if mutant.methods == tuple(METHODS):
            index = turn[mutant.kata.kata_id] = turn.get(mutant.kata.kata_id, -1) + 1
            mutant = replace(mutant, methods=(METHODS[index % len(METHODS)],))
        rotated.append(mutant)
    return rotated


ALL_MUTANTS = examples("mutant")
ALL_VARIANTS = examples("variant")


@dataclass(frozen=True)
class ItemOutcome:
    outcome: str
    message: str


def build_class(kata: Kata, root: Path) -> None:
    """One submission folder per program this kata must judge."""
    programs = {"reference": kata.solution, "starter": kata.starter}
    for example in ALL_MUTANTS + ALL_VARIANTS:
        if example.kata == kata:
            programs[example.submission] = example.path
    for name, program in programs.items():
        (root / name).mkdir(parents=True)
        shutil.copyfile(program, root / name / kata.file_name)


def parse_junit(path: Path) -> dict[tuple[str, str, str], ItemOutcome]:
    """Map (submission, check, start method) to the item's outcome and failure message."""
    outcomes = {}
    for case in ElementTree.parse(path).iter("testcase"):
        name = case.get("name", "")
        check = name.partition("[")[0]
        submission, method = submission_and_method(name)
        failure = case.find("failure")
        skipped = case.find("skipped")
        if failure is not None:
            outcomes[(submission, check, method)] = ItemOutcome("failed", failure.get("message", ""))
        elif skipped is not None:
            outcomes[(submission, check, method)] = ItemOutcome("skipped", "")
        else:
            outcomes[(submission, check, method)] = ItemOutcome("passed", "")
    return outcomes


_GRADED: dict[str, dict[tuple[str, str, str], ItemOutcome]] = {}


def graded(kata: Kata, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, str], ItemOutcome]:
    """Grade this kata's class of programs once per test session (per xdist worker)."""
    if kata.kata_id not in _GRADED:
        work = tmp_path_factory.mktemp(f"class-{kata.kata_id}")
        build_class(kata, work / "class")
        junit = work / "junit.xml"
        args = batch_args(kata.directory, submissions=work / "class", report=None, time_limit=TIME_LIMIT)
        only = work / "only-methods.json"
        only.write_text(json.dumps(methods_of_mutants(kata)), encoding="utf-8")
        command = [
            sys.executable,
            "-c",
            LAUNCH,
            str(TESTS),
            *args,
            ONLY_METHODS_OPTION,
            str(only),
            "-q",
            "--junitxml",
            str(junit),
            "--basetemp",
            str(work / "tmp"),
            "-p",
            "no:randomly",
        ]
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=900, check=False)
        _GRADED[kata.kata_id] = parse_junit(junit)
    return _GRADED[kata.kata_id]


def methods_of_mutants(kata: Kata) -> dict[str, list[str]]:
    """The mutants graded under fewer than every method, for ``mpkata_only_methods``."""
    return {
        m.submission: list(m.methods) for m in ALL_MUTANTS if m.kata == kata and m.methods != tuple(METHODS)
    }


def outcomes_of(
    results: dict[tuple[str, str, str], ItemOutcome], submission: str
) -> dict[tuple[str, str], ItemOutcome]:
    return {(check, method): o for (sub, check, method), o in results.items() if sub == submission}


def test_the_katas_are_numbered_in_order_from_one_with_distinct_ids() -> None:
    assert KATAS
    assert [k.order for k in KATAS] == list(range(1, len(KATAS) + 1))
    assert len({k.kata_id for k in KATAS}) == len(KATAS)
    folders = sorted(meta.parent.name for meta in (ROOT / "katas").glob("*/kata.toml"))
    assert [k.directory.name for k in KATAS] == folders


def test_the_catalogue_passes_its_structural_self_check() -> None:
    assert check_catalogue(ROOT / "katas") == []


def test_every_start_method_judges_mutants_of_every_kata() -> None:
    """The rotation leaves no method out: each kata's mutants are judged under all three."""
    for kata in KATAS:
        judged = {method for m in ALL_MUTANTS if m.kata == kata for method in m.methods}
        assert judged == set(METHODS), kata.kata_id


class KataCatalogueChecks:
    """What every kata guarantees; one subclass per kata (a class is one unit for xdist)."""

    kata: Kata

    def test_kata_has_a_statement_hints_and_checks(self) -> None:
        kata = self.kata
        statement = (kata.directory / "README.md").read_text(encoding="utf-8")
        assert "test.log" in statement and "__main__" in statement
        assert len(kata.hints) >= 2 and kata.points > 0 and kata.time_limit > 0
        assert (kata.directory / f"test_{kata.kata_id}.py").is_file()
        assert kata.starter.is_file() and kata.solution.is_file()
        assert (ROOT / "solutions" / kata.file_name).read_bytes() == kata.solution.read_bytes()

    def test_reference_solution_passes_every_check(self, tmp_path_factory: pytest.TempPathFactory) -> None:
        outcomes = outcomes_of(graded(self.kata, tmp_path_factory), "reference")
        assert outcomes, "the reference solution was not graded"
        failed = {key: o.message for key, o in outcomes.items() if o.outcome == "failed"}
        assert not failed

    def test_starter_fails_with_a_next_step(self, tmp_path_factory: pytest.TempPathFactory) -> None:
        outcomes = outcomes_of(graded(self.kata, tmp_path_factory), "starter")
        failed = [o for o in outcomes.values() if o.outcome == "failed"]
        assert failed, "the untouched starter passes every check"
        assert all(len(o.message) > 40 for o in failed)
        if self.kata.starts_broken:  # its failure is the lesson: the message names the bug
            assert any(self.kata.starter_shows.lower() in o.message.lower() for o in failed)

    def test_mutant_is_rejected(self, mutant: Example, tmp_path_factory: pytest.TempPathFactory) -> None:
        outcomes = outcomes_of(graded(mutant.kata, tmp_path_factory), mutant.submission)
        assert mutant.rejected_by, "the mutant's header names no check"
        for method in mutant.methods:
            outcome = outcomes[(mutant.rejected_by, method)]
            assert outcome.outcome == "failed", f"{mutant.rejected_by} accepted it under {method}"
            assert mutant.message.lower() in outcome.message.lower()

    def test_correct_variant_passes(self, variant: Example, tmp_path_factory: pytest.TempPathFactory) -> None:
        outcomes = outcomes_of(graded(variant.kata, tmp_path_factory), variant.submission)
        assert outcomes
        failed = {key: o.message for key, o in outcomes.items() if o.outcome == "failed"}
        assert not failed


for _kata in KATAS:
    _name = f"TestKata_{_kata.kata_id}"
    globals()[_name] = type(_name, (KataCatalogueChecks,), {"kata": _kata, "__test__": True})
KataCatalogueChecks.__test__ = False  # type: ignore[attr-defined]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Give each kata's class its own mutants and variants."""
    for name, examples_of_kind in (("mutant", ALL_MUTANTS), ("variant", ALL_VARIANTS)):
        if name in metafunc.fixturenames:
            mine = [e for e in examples_of_kind if e.kata == metafunc.cls.kata]
            metafunc.parametrize(name, mine, ids=[e.path.stem for e in mine])
