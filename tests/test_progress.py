"""At the end of ``pytest katas`` a learner reads where they stand: each kata solved, partly
solved or not started, how many are solved, and the next step with the file to edit."""

from __future__ import annotations

from pathlib import Path

import pytest
from mpkata_testing import copy_katas, solve

from pytest_mpkata.learner import progress
from pytest_mpkata.learner.first_step import FIRST_STEP, STARTS_BROKEN, readme_first_step

ROOT = Path(__file__).resolve().parent.parent
KATAS = ("01_create_process", "02_four_numbered_processes")
FORK = ("--mpkata-start-methods", "fork")

ONE_AT_A_TIME = """\
import logging
import multiprocessing

logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")


def log_number(number):
    logging.info("process %d", number)


if __name__ == "__main__":
    for number in range(4):
        child = multiprocessing.Process(target=log_number, args=(number,))
        child.start()
        child.join()
"""

LOGGING_SET_UP_IN_MAIN_ONLY = """\
import logging
import multiprocessing
import os


def say_hello():
    logging.info("hello from process %d", os.getpid())


if __name__ == "__main__":
    logging.basicConfig(filename="test.log", level=logging.INFO, format="%(asctime)s %(message)s")
    child = multiprocessing.Process(target=say_hello)
    child.start()
    child.join()
    logging.info("child exited with code %d", child.exitcode)
"""


@pytest.fixture
def katas(pytester: pytest.Pytester) -> Path:
    """Two real katas with their untouched starters, in a learner's folder."""
    pytester.makeini("[pytest]\n")
    return copy_katas(pytester.path, KATAS)


def write(katas: Path, folder: str, source: str) -> None:
    kata_id = folder.split("_", 1)[1]
    (katas / folder / f"{kata_id}.py").write_text(source, encoding="utf-8")


def test_untouched_starters_are_not_started_and_the_first_kata_is_next(
    pytester: pytest.Pytester, katas: Path
) -> None:
    result = pytester.runpytest_subprocess("katas", *FORK, timeout=120)

    result.assert_outcomes(failed=8)
    result.stdout.fnmatch_lines(
        [
            f"*= {progress.TITLE} =*",
            f"01 create_process *{progress.NOT_STARTED}",
            f"02 four_numbered_processes *{progress.NOT_STARTED}",
            "",
            "0 of 2 katas solved.",
            "Next: 01 create_process (Create a process)",
            FIRST_STEP,
            "    Write `say_hello()` so that it logs `hello from process <pid>`, where",
            "    `<pid>` is the pid of the process running it (`os.getpid()`).",
            "  Read:  katas/01_create_process/README.md",
            "  Edit:  katas/01_create_process/create_process.py",
            "  Run:   pytest katas/01_create_process",
            progress.NEXT_HINT,
        ]
    )


def test_an_untouched_broken_starter_is_a_real_run_whose_failure_is_the_next_step(
    pytester: pytest.Pytester,
) -> None:
    pytester.makeini("[pytest]\n")
    copy_katas(pytester.path, ("22_fix_lost_updates",))

    result = pytester.runpytest_subprocess("katas", *FORK, timeout=120)

    # whether this run happened to lose updates (and so log a wrong total) is the race's to say;
    # the unlocked writes fail the run every time
    assert result.parseoutcomes()["failed"] >= 1
    result.stdout.fnmatch_lines(
        [
            "Value: Process-1 * wrote it 1000 times, 1000 without its lock",
            f"22 fix_lost_updates *{progress.PARTLY_SOLVED.format(passed='*', total=5)}",
            "Next: 22 fix_lost_updates (Fix the lost updates)",
            STARTS_BROKEN.split(":")[0] + ":*",
            "  test_every_increment_held_the_lock fails (fork):",
            "    4000 of the 4000 writes to the counter were made without holding its",
            "  Read:  katas/22_fix_lost_updates/README.md",
            "  Edit:  katas/22_fix_lost_updates/fix_lost_updates.py",
        ]
    )
    result.stdout.no_fnmatch_line(f"*{progress.NOT_STARTED}*")


def test_the_first_step_is_read_from_every_katas_readme() -> None:
    for readme in sorted((ROOT / "katas").glob("*/README.md")):
        assert readme_first_step(readme).endswith((".", ":")), readme


def test_a_partial_solution_counts_its_passing_checks_and_quotes_the_first_failing_one(
    pytester: pytest.Pytester, katas: Path
) -> None:
    solve(katas, "01_create_process")
    write(katas, "02_four_numbered_processes", ONE_AT_A_TIME)

    result = pytester.runpytest_subprocess("katas", *FORK, timeout=120)

    result.assert_outcomes(passed=7, failed=1)
    result.stdout.fnmatch_lines(
        [
            f"01 create_process *{progress.SOLVED}",
            "02 four_numbered_processes *partly solved: 3 of 4 checks pass",
            "1 of 2 katas solved.",
            "Next: 02 four_numbered_processes (Four numbered processes)",
            "  test_started_together_then_joined fails (fork):",
            "    Your program joined Process-1 (pid *) before starting Process-2*",
            "*",
            "  Edit:  katas/02_four_numbered_processes/four_numbered_processes.py",
            "  Run:   pytest katas/02_four_numbered_processes",
        ]
    )
    result.stdout.no_fnmatch_line("  Read:*")


def test_full_solutions_are_all_solved_and_no_next_step_is_given(
    pytester: pytest.Pytester, katas: Path
) -> None:
    solve(katas, "01_create_process")
    solve(katas, "02_four_numbered_processes")

    result = pytester.runpytest_subprocess("katas", *FORK, timeout=120)

    result.assert_outcomes(passed=8)
    result.stdout.fnmatch_lines(
        [
            f"01 create_process *{progress.SOLVED}",
            f"02 four_numbered_processes *{progress.SOLVED}",
            "2 of 2 katas solved.",
            progress.ALL_SOLVED,
        ]
    )
    result.stdout.no_fnmatch_line("Next:*")


def test_verbose_lists_every_check_and_the_start_methods_it_fails_under(
    pytester: pytest.Pytester, katas: Path
) -> None:
    write(katas, "01_create_process", LOGGING_SET_UP_IN_MAIN_ONLY)

    result = pytester.runpytest_subprocess(
        "katas/01_create_process", "-v", "--mpkata-start-methods", "fork,spawn", timeout=120
    )

    result.assert_outcomes(passed=7, failed=1)
    result.stdout.fnmatch_lines(
        [
            "01 create_process *partly solved: 3 of 4 checks pass",
            "    pass  test_runs_cleanly",
            "    FAIL  test_log_file (fails under spawn; passes under fork)",
            "    pass  test_work_in_child_process",
            "    pass  test_started_and_joined",
            f"02 four_numbered_processes *{progress.NOT_CHECKED}",
            "  test_log_file fails (spawn):",
        ]
    )


def test_quiet_shows_one_line_per_kata(pytester: pytest.Pytester, katas: Path) -> None:
    write(katas, "01_create_process", LOGGING_SET_UP_IN_MAIN_ONLY)

    result = pytester.runpytest_subprocess("katas", "-q", "--mpkata-start-methods", "fork,spawn", timeout=120)

    result.assert_outcomes(passed=7, failed=9)  # kata 02's untouched starter: every check, not started
    result.stdout.fnmatch_lines(
        [
            f"*= {progress.TITLE} =*",
            "01 create_process *partly solved: 3 of 4 checks pass",
            f"02 four_numbered_processes *{progress.NOT_STARTED}",
            "0 of 2 katas solved.",
        ]
    )
    result.stdout.no_fnmatch_line("    pass  *")
    result.stdout.no_fnmatch_line("    FAIL  *")


def test_progress_is_gathered_on_the_controller_under_xdist(pytester: pytest.Pytester, katas: Path) -> None:
    solve(katas, "01_create_process")

    result = pytester.runpytest_subprocess("katas", *FORK, "-n", "2", timeout=120)

    result.assert_outcomes(passed=4, failed=4)
    result.stdout.fnmatch_lines(
        [
            f"01 create_process *{progress.SOLVED}",
            f"02 four_numbered_processes *{progress.NOT_STARTED}",
            "1 of 2 katas solved.",
            "Next: 02 four_numbered_processes (Four numbered processes)",
        ]
    )


def test_checks_left_out_with_k_are_not_counted_as_passing(pytester: pytest.Pytester, katas: Path) -> None:
    solve(katas, "01_create_process")

    result = pytester.runpytest_subprocess(
        "katas/01_create_process", *FORK, "-k", "runs_cleanly or log_file", timeout=120
    )

    result.assert_outcomes(passed=2, deselected=2)
    result.stdout.fnmatch_lines(
        [
            "01 create_process *2 of 4 checks pass, 2 not run",
            "0 of 2 katas solved.",
        ]
    )


def test_the_section_is_absent_when_no_kata_ran(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_plain="def test_plain():\n    assert True\n")

    result = pytester.runpytest_subprocess(timeout=120)

    result.assert_outcomes(passed=1)
    result.stdout.no_fnmatch_line(f"*{progress.TITLE}*")
