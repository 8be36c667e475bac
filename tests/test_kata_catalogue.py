"""``python -m pytest_mpkata check | sync | new``: the katas folder proves itself, its generated
README parts and ``solutions/`` follow the kata folders, and a new kata is one command."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from pytest_mpkata.authoring import scaffold, selfcheck, selfrun
from pytest_mpkata.authoring.statement import kata_sections
from pytest_mpkata.kata.catalogue import Kata, load_catalogue

ROOT = Path(__file__).resolve().parent.parent
KATAS = load_catalogue(ROOT / "katas")
FIRST = "01_create_process"
SYNC = "run `python -m pytest_mpkata sync katas`"
LEARNER_SOLUTION = """\
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def work():
    logging.info("work done")


if __name__ == "__main__":
    child = multiprocessing.Process(target=work)
    child.start()
    child.join()
"""


def mpkata(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    """Run ``python -m pytest_mpkata ARGS`` in the test's folder."""
    return pytester.run(sys.executable, "-m", "pytest_mpkata", *args, timeout=300)


@pytest.fixture
def repository(pytester: pytest.Pytester) -> Path:
    """A copy of the repository's katas, solutions and README, to break and repair."""
    pytester.makeini("[pytest]\n")
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "katas", pytester.path / "katas", ignore=ignore)
    shutil.copytree(ROOT / "solutions", pytester.path / "solutions", ignore=ignore)
    shutil.copyfile(ROOT / "README.md", pytester.path / "README.md")
    return pytester.path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- check ---------------------------------------------------------------------------------


def test_the_real_katas_pass_the_self_check(pytester: pytest.Pytester) -> None:
    result = mpkata(pytester, "check", str(ROOT / "katas"))

    assert result.ret == 0
    result.stdout.fnmatch_lines([f"{len(KATAS)} katas in *katas: no problem found."])


def test_the_self_check_lists_its_commands_and_each_has_help(pytester: pytest.Pytester) -> None:
    result = mpkata(pytester, "--help")

    assert result.ret == 0
    result.stdout.fnmatch_lines(["*check*", "*sync*", "*new*"])
    for command in ("check", "sync", "new"):
        assert mpkata(pytester, command, "--help").ret == 0


def test_a_gap_in_the_orders_is_reported(pytester: pytest.Pytester, repository: Path) -> None:
    shutil.rmtree(repository / "katas" / "03_shared_array_squares")

    result = mpkata(pytester, "check")

    assert result.ret == 1
    gap = selfcheck.ORDER_GAP.format(katas="katas", order=3, count=len(KATAS) - 1)
    stray = selfcheck.STRAY_SOLUTION.format(path="solutions/shared_array_squares.py", katas="katas")
    result.stdout.fnmatch_lines([gap, "*", stray, "* problem(s) found in katas."])


def test_a_folder_not_named_after_its_order_and_id_is_reported(
    pytester: pytest.Pytester, repository: Path
) -> None:
    (repository / "katas" / "04_pool_map").rename(repository / "katas" / "04_pools")

    result = mpkata(pytester, "check")

    assert result.ret == 1
    facts = {"path": "katas/04_pools", "kata_id": "pool_map", "order": 4, "expected": "04_pool_map"}
    result.stdout.fnmatch_lines([selfcheck.WRONG_FOLDER.format(**facts)])


def test_a_repeated_order_and_a_missing_file_are_reported(
    pytester: pytest.Pytester, repository: Path
) -> None:
    edit(repository / "katas" / "02_four_numbered_processes" / "kata.toml", "order = 2", "order = 1")
    (repository / "katas" / FIRST / "solution.py").unlink()

    result = mpkata(pytester, "check")

    assert result.ret == 1
    repeated = selfcheck.ORDER_REPEATED.format(
        katas="katas", order=1, kata_ids="create_process, four_numbered_processes"
    )
    missing = selfcheck.MISSING_FILE.format(
        path=f"katas/{FIRST}/solution.py", what="a reference solution, solution.py"
    )
    result.stdout.fnmatch_lines_random([repeated, missing])


def test_a_mutant_header_naming_a_missing_check_is_reported(
    pytester: pytest.Pytester, repository: Path
) -> None:
    mutant = repository / "katas" / FIRST / "mutants" / "never_joined.py"
    edit(mutant, "# rejected-by: test_started_and_joined", "# rejected-by: test_joined")

    result = mpkata(pytester, "check")

    assert result.ret == 1
    result.stdout.fnmatch_lines(
        [
            f"katas/{FIRST}/mutants/never_joined.py: `# rejected-by: test_joined` names no check of "
            f"katas/{FIRST}/test_create_process.py; use one of: test_runs_cleanly, *test_started_and_joined"
        ]
    )


def test_a_stale_readme_section_is_reported_and_sync_repairs_it(
    pytester: pytest.Pytester, repository: Path
) -> None:
    statement = repository / "katas" / FIRST / "README.md"
    edit(statement, "within 10 seconds", "within 60 seconds")
    edit(repository / "katas" / "README.md", "| Create a process |", "| Make a process |")

    result = mpkata(pytester, "check")

    assert result.ret == 1
    stale = selfcheck.STALE_SECTIONS.format(path=f"katas/{FIRST}/README.md", katas="katas")
    result.stdout.fnmatch_lines_random([stale, "katas/README.md: generated sections are out of date;*"])
    synced = mpkata(pytester, "sync")
    synced.stdout.fnmatch_lines(["rewrote *README.md", "rewrote *README.md", "2 file(s) rewritten."])
    assert mpkata(pytester, "check").ret == 0
    assert "within 10 seconds" in statement.read_text(encoding="utf-8")


def test_a_readme_without_its_markers_is_reported(pytester: pytest.Pytester, repository: Path) -> None:
    edit(repository / "README.md", "<!-- mpkata:katas -->\n", "")

    result = mpkata(pytester, "check")

    assert result.ret == 1
    missing = selfcheck.MISSING_SECTION.format(path="README.md", name="katas", katas="katas")
    result.stdout.fnmatch_lines([missing])


def test_solutions_out_of_sync_are_reported_and_sync_copies_them_again(
    pytester: pytest.Pytester, repository: Path
) -> None:
    copy = repository / "solutions" / "pool_map.py"
    copy.write_text(copy.read_text(encoding="utf-8") + "# edited by hand\n", encoding="utf-8")
    (repository / "solutions" / "old_kata.py").write_text("pass\n", encoding="utf-8")

    result = mpkata(pytester, "check")

    assert result.ret == 1
    stale = selfcheck.STALE_SOLUTION.format(
        path="solutions/pool_map.py", original="katas/04_pool_map/solution.py", katas="katas"
    )
    stray = selfcheck.STRAY_SOLUTION.format(path="solutions/old_kata.py", katas="katas")
    result.stdout.fnmatch_lines([stale, stray])
    assert mpkata(pytester, "sync").ret == 0
    assert copy.read_bytes() == (repository / "katas" / "04_pool_map" / "solution.py").read_bytes()
    assert not (repository / "solutions" / "old_kata.py").exists()
    assert mpkata(pytester, "check").ret == 0


def test_check_run_proves_the_starter_fails_and_the_solution_passes(
    pytester: pytest.Pytester, repository: Path
) -> None:
    for folder in (repository / "katas").iterdir():
        if folder.is_dir() and folder.name != FIRST:
            shutil.rmtree(folder)
    assert mpkata(pytester, "sync").ret == 0

    proved = mpkata(pytester, "check", "--run")

    assert proved.ret == 0, proved.stdout.str()
    proved.stdout.fnmatch_lines(["1 katas in katas: no problem found."])
    starter = repository / "katas" / FIRST / "create_process.py"
    shutil.copyfile(starter, repository / "katas" / FIRST / "solution.py")
    assert mpkata(pytester, "sync").ret == 0

    broken = mpkata(pytester, "check", "--run")

    assert broken.ret == 1
    fails = selfrun.SOLUTION_FAILS.format(
        path=f"katas/{FIRST}/solution.py", check="test_log_file", method="*", message="*"
    )
    broken.stdout.fnmatch_lines([fails])


def keep_only(repository: Path, folder: str, order: int = 1) -> Path:
    """Leave one kata in the copy, renumbered ``order``, with the generated parts in sync."""
    for other in (repository / "katas").iterdir():
        if other.is_dir() and other.name != folder:
            shutil.rmtree(other)
    kata = load_catalogue(repository / "katas")[0]
    renamed = repository / "katas" / f"{order:02d}_{kata.kata_id}"
    (repository / "katas" / folder).rename(renamed)
    edit(renamed / "kata.toml", f"order = {kata.order}", f"order = {order}")
    return renamed


BROKEN = "22_fix_lost_updates"


def test_a_kata_that_starts_broken_must_say_what_its_starter_shows(
    pytester: pytest.Pytester, repository: Path
) -> None:
    kata = keep_only(repository, BROKEN)
    edit(kata / "kata.toml", 'starter_shows = "without holding its lock"', "")
    assert mpkata(pytester, "sync").ret == 0

    result = mpkata(pytester, "check")

    assert result.ret == 1
    result.stdout.fnmatch_lines([selfcheck.NO_STARTER_SHOWS.format(path=f"katas/{kata.name}/kata.toml")])


def test_check_run_proves_a_broken_starter_fails_with_the_message_of_its_bug(
    pytester: pytest.Pytester, repository: Path
) -> None:
    kata = keep_only(repository, BROKEN)
    assert mpkata(pytester, "sync").ret == 0

    proved = mpkata(pytester, "check", "--run")

    assert proved.ret == 0, proved.stdout.str()
    edit(kata / "kata.toml", '"without holding its lock"', '"deadlock"')

    silent = mpkata(pytester, "check", "--run")

    assert silent.ret == 1
    starter = f"katas/{kata.name}/fix_lost_updates.py"
    silent.stdout.fnmatch_lines([selfrun.STARTER_SILENT.format(path=starter, shows="deadlock")])


# --- new -----------------------------------------------------------------------------------


def test_a_new_kata_passes_the_check_and_fails_with_a_next_step_until_written(
    pytester: pytest.Pytester, repository: Path
) -> None:
    created = mpkata(pytester, "new", "pipe_ping_pong", "--title", "Ping-pong over a pipe")

    assert created.ret == 0
    folder = repository / "katas" / f"{len(KATAS) + 1:02d}_pipe_ping_pong"
    created.stdout.fnmatch_lines([f"Created katas/{folder.name}. Next:*"])
    assert (folder / "mutants").is_dir() and (folder / "variants").is_dir()
    assert "`pipe_ping_pong`" in (repository / "README.md").read_text(encoding="utf-8")
    assert "| Ping-pong over a pipe |" in (repository / "katas" / "README.md").read_text(encoding="utf-8")
    assert mpkata(pytester, "check").ret == 0

    unwritten = pytester.runpytest_subprocess(
        f"katas/{folder.name}", "--mpkata-start-methods", "fork", timeout=120
    )

    unwritten.assert_outcomes(failed=2)  # the scaffolded starter does nothing: "not started"
    unwritten.stdout.fnmatch_lines(
        [
            "*Your program ran and did nothing*",
            f"Next: {len(KATAS) + 1:02d} pipe_ping_pong (Ping-pong over a pipe)",
            f"  Edit:  katas/{folder.name}/pipe_ping_pong.py",
        ]
    )
    (folder / "pipe_ping_pong.py").write_text(LEARNER_SOLUTION, encoding="utf-8")

    written = pytester.runpytest_subprocess(
        f"katas/{folder.name}", "--mpkata-start-methods", "fork", timeout=120
    )

    written.assert_outcomes(passed=2)


def test_new_refuses_an_id_that_is_taken_or_not_a_name(pytester: pytest.Pytester, repository: Path) -> None:
    taken = mpkata(pytester, "new", "pool_map")
    invalid = mpkata(pytester, "new", "Pool-Map")

    assert taken.ret == invalid.ret == 2
    taken.stderr.fnmatch_lines([scaffold.TAKEN_ID.format(kata_id="pool_map", folder="katas/04_pool_map")])
    invalid.stderr.fnmatch_lines([scaffold.BAD_ID.format(kata_id="Pool-Map")])
    assert not list((repository / "katas").glob(f"{len(KATAS) + 1:02d}_*"))


# --- hints ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kata", KATAS, ids=[kata.kata_id for kata in KATAS])
def test_a_kata_readme_says_how_to_reveal_its_hints_and_prints_none(kata: Kata) -> None:
    statement = kata.statement.read_text(encoding="utf-8")
    hints = next(section for section in kata_sections(kata) if section.name == "hints")

    assert hints.block in statement
    assert f"This kata has {len(kata.hints)} hints" in statement
    assert f"pytest katas/{kata.folder_name} --mpkata-hint" in statement
    assert not [hint for hint in kata.hints if hint in statement]


def test_the_hint_option_still_reveals_the_first_hint(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\n")
    shutil.copytree(ROOT / "katas" / FIRST, pytester.path / "katas" / FIRST)
    kata = KATAS[0]

    result = pytester.runpytest_subprocess(
        f"katas/{FIRST}", "--mpkata-hint", "--mpkata-start-methods", "fork", timeout=120
    )

    result.assert_outcomes(failed=4)
    first_words = " ".join(kata.hints[0].split()[:6])
    result.stdout.fnmatch_lines([f"Hint 1 of {len(kata.hints)} for {kata.label}:", f"  {first_words}*"])
