"""``--mpkata-next`` runs only the first kata not solved yet, and ``--mpkata-hint`` reveals one
more hint per failing kata each time it is asked; pytest's cache remembers both between runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mpkata_testing import copy_katas, solve

from pytest_mpkata.learner import hints, progress

ROOT = Path(__file__).resolve().parent.parent
KATAS = ("01_create_process", "02_four_numbered_processes")
FORK = ("--mpkata-start-methods", "fork")
TWO_HINTS = """\
hints = [
  "Gentle: a process has a target.",
  "Specific: call start() then join().",
]
"""


@pytest.fixture
def katas(pytester: pytest.Pytester) -> Path:
    """Two real katas with their untouched starters; runs share the folder's pytest cache."""
    pytester.makeini("[pytest]\n")
    return copy_katas(pytester.path, KATAS)


def keep_two_hints(kata: Path) -> None:
    """Give a kata two short hints, so three runs walk past the last one."""
    toml = (kata / "kata.toml").read_text(encoding="utf-8")
    start = toml.index("hints = [")
    end = toml.index("]\n", start) + 2
    (kata / "kata.toml").write_text(toml[:start] + TWO_HINTS + toml[end:], encoding="utf-8")


# --- --mpkata-next -----------------------------------------------------------------------


def test_next_runs_the_first_unsolved_kata_and_moves_on_once_a_run_proved_it_solved(
    pytester: pytest.Pytester, katas: Path
) -> None:
    first = pytester.runpytest_subprocess("katas", *FORK, "--mpkata-next", timeout=120)

    first.assert_outcomes(failed=4, deselected=4)
    first.stdout.fnmatch_lines(
        [
            f"01 create_process *{progress.NOT_STARTED}",
            f"02 four_numbered_processes *{progress.NOT_CHECKED}",
        ]
    )

    solve(katas, "01_create_process")
    second = pytester.runpytest_subprocess("katas", *FORK, "--mpkata-next", timeout=120)

    second.assert_outcomes(passed=4, deselected=4)
    second.stdout.fnmatch_lines(
        [
            "katas/01_create_process/test_create_process.py ....*",
            f"01 create_process *{progress.SOLVED}",
            "Next: 02 four_numbered_processes (Four numbered processes)",
        ]
    )

    third = pytester.runpytest_subprocess("katas", *FORK, "--mpkata-next", timeout=120)

    third.assert_outcomes(failed=4, deselected=4)
    third.stdout.fnmatch_lines(
        [
            "katas/02_four_numbered_processes/test_four_numbered_processes.py FFFF*",
            f"01 create_process *{progress.SOLVED_EARLIER}",
            f"02 four_numbered_processes *{progress.NOT_STARTED}",
            "1 of 2 katas solved.",
        ]
    )


def test_next_picks_the_same_kata_on_every_xdist_worker(pytester: pytest.Pytester, katas: Path) -> None:
    solve(katas, "01_create_process")
    pytester.runpytest_subprocess("katas/01_create_process", *FORK, timeout=120)

    result = pytester.runpytest_subprocess("katas", *FORK, "--mpkata-next", "-n", "2", timeout=120)

    result.assert_outcomes(failed=4)
    result.stdout.fnmatch_lines(
        [
            f"01 create_process *{progress.SOLVED_EARLIER}",
            f"02 four_numbered_processes *{progress.NOT_STARTED}",
        ]
    )


def test_next_narrows_what_k_selected_instead_of_overruling_it(
    pytester: pytest.Pytester, katas: Path
) -> None:
    result = pytester.runpytest_subprocess(
        "katas", *FORK, "--mpkata-next", "-k", "four_numbered", timeout=120
    )

    result.assert_outcomes(failed=4, deselected=4)
    result.stdout.fnmatch_lines(["Next: 02 four_numbered_processes (Four numbered processes)"])


def test_next_checks_every_kata_again_once_all_are_solved(pytester: pytest.Pytester, katas: Path) -> None:
    solve(katas, "01_create_process")
    solve(katas, "02_four_numbered_processes")
    pytester.runpytest_subprocess("katas", *FORK, timeout=120).assert_outcomes(passed=8)

    result = pytester.runpytest_subprocess("katas", *FORK, "--mpkata-next", timeout=120)

    result.assert_outcomes(passed=8)
    result.stdout.fnmatch_lines(["2 of 2 katas solved.", progress.ALL_SOLVED])


def test_a_kata_that_fails_again_is_no_longer_remembered_as_solved(
    pytester: pytest.Pytester, katas: Path
) -> None:
    solve(katas, "01_create_process")
    pytester.runpytest_subprocess("katas/01_create_process", *FORK, timeout=120)
    shutil.copyfile(ROOT / "katas" / KATAS[0] / "create_process.py", katas / KATAS[0] / "create_process.py")
    pytester.runpytest_subprocess("katas/01_create_process", *FORK, timeout=120)

    result = pytester.runpytest_subprocess("katas", *FORK, "--mpkata-next", timeout=120)

    result.assert_outcomes(failed=4, deselected=4)
    result.stdout.fnmatch_lines(["Next: 01 create_process (Create a process)"])


# --- --mpkata-hint ------------------------------------------------------------------------


def test_each_hint_run_reveals_the_next_hint_and_repeats_the_last_one(
    pytester: pytest.Pytester, katas: Path
) -> None:
    keep_two_hints(katas / KATAS[0])
    command = ("katas/01_create_process", *FORK, "--mpkata-hint")

    first = pytester.runpytest_subprocess(*command, timeout=120)

    first.assert_outcomes(failed=4)
    first.stdout.fnmatch_lines(
        [
            "Hint 1 of 2 for 01 create_process:",
            "  Gentle: a process has a target.",
            hints.NEXT_ONE,
        ]
    )
    first.stdout.no_fnmatch_line(progress.NEXT_HINT)

    second = pytester.runpytest_subprocess(*command, timeout=120)

    second.stdout.fnmatch_lines(
        [
            "Last hint (2 of 2) for 01 create_process:",
            "  Specific: call start() then join().",
            hints.WAS_LAST,
        ]
    )

    third = pytester.runpytest_subprocess(*command, timeout=120)

    third.stdout.fnmatch_lines(["Last hint (2 of 2) for 01 create_process:", hints.WAS_LAST])


def test_hints_are_shown_only_for_katas_that_fail(pytester: pytest.Pytester, katas: Path) -> None:
    solve(katas, "01_create_process")

    result = pytester.runpytest_subprocess("katas", *FORK, "--mpkata-hint", timeout=120)

    result.assert_outcomes(passed=4, failed=4)
    result.stdout.fnmatch_lines(["Hint 1 of 3 for 02 four_numbered_processes:"])
    result.stdout.no_fnmatch_line("*int * for 01 create_process:")


def test_a_hint_without_a_kata_named_is_for_the_next_kata_only(
    pytester: pytest.Pytester, katas: Path
) -> None:
    result = pytester.runpytest_subprocess("katas", *FORK, "--mpkata-hint", timeout=120)

    result.stdout.fnmatch_lines(["Hint 1 of 3 for 01 create_process:"])
    result.stdout.no_fnmatch_line("*int * for 02 four_numbered_processes:")


def test_without_a_cache_the_first_hint_says_it_will_come_again(
    pytester: pytest.Pytester, katas: Path
) -> None:
    result = pytester.runpytest_subprocess(
        "katas/01_create_process", *FORK, "--mpkata-hint", "-p", "no:cacheprovider", timeout=120
    )

    result.stdout.fnmatch_lines(["Hint 1 of 3 for 01 create_process:", "*", hints.NOT_REMEMBERED])
