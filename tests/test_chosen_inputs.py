"""Inputs the checker chooses: a kata whose statement fixes its data runs the program a second
time with other data, and a program that ignores its input or writes its answer by hand fails.

The sessions below are a learner's: a kata folder, their file, ``pytest katas/...``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mpkata_testing import copy_katas, hand_made_result

from pytest_mpkata import checks
from pytest_mpkata.authoring.selfcheck import check_catalogue
from pytest_mpkata.judge import messages
from pytest_mpkata.kata.catalogue import load_kata
from pytest_mpkata.kata.inputs import ChosenInput, InputNotNamed, inputs_from, with_chosen_inputs
from pytest_mpkata.trace.facts import LogLine
from pytest_mpkata.trace.model import RunResult

ROOT = Path(__file__).resolve().parent.parent
PIPE = "09_pipe_conversation"
POOL = "05_worker_pool"
CHOSEN = "NUMBERS = [[]7, 3, 12, 5, 9[]] instead of [[]1, 2, 3, 4, 5[]]"
"""How every message of the second run names the numbers chosen (an fnmatch pattern)."""


def kata_file(*parts: str, folder: str = PIPE) -> str:
    """A program of a kata's folder: its solution, or one of its mutants (``mutants/<name>.py``)."""
    return ROOT.joinpath("katas", folder, *parts).read_text(encoding="utf-8")


ISSUE_PROGRAM = kata_file("mutants", "child_ignores_what_it_receives.py")
"""The issue's program: the child throws each number away and sends back twice its own counter."""


def learner_session(pytester: pytest.Pytester, folder: str, program: str, *args: str) -> pytest.RunResult:
    """A learner's kata folder holding ``program`` as their answer, checked with ``pytest katas/<folder>``."""
    katas = copy_katas(pytester.path, (folder,))
    kata = load_kata(katas / folder)
    kata.starter.write_text(program, encoding="utf-8")
    return pytester.runpytest_subprocess(f"katas/{folder}", "-p", "no:cacheprovider", *args, timeout=240)


def test_a_child_that_ignores_what_it_receives_fails_when_the_numbers_change(
    pytester: pytest.Pytester,
) -> None:
    result = learner_session(pytester, PIPE, ISSUE_PROGRAM)

    # with the stated numbers every reply is right: only the run with other numbers tells
    result.assert_outcomes(passed=15, failed=3)
    result.stdout.fnmatch_lines(
        [
            "*test_replies_follow_the_numbers_sent under fork*",
            f"Run again with {CHOSEN}: The child replied 2 after receiving 7: each reply must be the "
            "number it received, doubled, computed in the child.",
            "*what your program did*",
            f"(the second run, with {CHOSEN})",
        ]
    )


def test_replies_written_by_hand_are_told_they_match_the_stated_numbers_only(
    pytester: pytest.Pytester,
) -> None:
    by_hand = kata_file("mutants", "replies_written_by_hand.py")

    result = learner_session(pytester, PIPE, by_hand, "-k", "follow")

    result.assert_outcomes(failed=3)
    result.stdout.fnmatch_lines(
        [
            f"Run again with {CHOSEN}: test.log should then hold 'replies: [[]14, 6, 24, 10, 18[]]', "
            "but holds 'replies: [[]2, 4, 6, 8, 10[]]': exactly what the stated input gives. Your "
            "program ignores its input or writes its answer by hand*",
        ]
    )


def test_a_renamed_constant_is_named_in_the_message_and_the_rest_is_still_judged(
    pytester: pytest.Pytester,
) -> None:
    renamed = kata_file("solution.py").replace("NUMBERS", "VALUES")

    result = learner_session(pytester, PIPE, renamed)

    result.assert_outcomes(passed=15, failed=3)
    result.stdout.fnmatch_lines(
        [
            f"To see that your program uses its input, the checker runs it again with {CHOSEN}, but "
            "pipe_conversation.py assigns no `NUMBERS` at module level. Keep the starter's constant "
            "`NUMBERS` (the same name, assigned once, at the top of the file)*",
        ]
    )


def test_the_second_run_is_made_once_per_start_method_for_all_its_checks(pytester: pytest.Pytester) -> None:
    """Three checks of kata 09 ask for the chosen-input run; each start method runs it once."""
    pytester.makeconftest(
        """
        def pytest_mpkata_run_request(kata, request):
            with open("runs.txt", "a") as runs:
                chosen = " chosen" if "[7, 3, 12" in request.source else ""
                runs.write(request.start_method + chosen + "\\n")
        """
    )
    solution = kata_file("solution.py")

    result = learner_session(pytester, PIPE, solution)

    result.assert_outcomes(passed=18)
    runs = sorted((pytester.path / "runs.txt").read_text(encoding="utf-8").split("\n")[:-1])
    assert runs == sorted(f"{m}{kind}" for m in ("fork", "forkserver", "spawn") for kind in ("", " chosen"))


def test_with_runs_started_ahead_the_second_runs_pass_through_the_same_gate(
    pytester: pytest.Pytester,
) -> None:
    copy_katas(pytester.path, (POOL, PIPE))

    result = pytester.runpytest_subprocess(
        "katas",
        "--mpkata-submission",
        str(ROOT / "solutions"),
        "--mpkata-run-ahead",
        "2",
        "-p",
        "no:cacheprovider",
        timeout=240,
    )

    result.assert_outcomes(passed=33)


def test_the_untouched_starter_is_not_run_a_second_time(pytester: pytest.Pytester) -> None:
    starter = kata_file("pipe_conversation.py")

    result = learner_session(pytester, PIPE, starter, "-k", "follow")

    result.assert_outcomes(failed=3)
    result.stdout.fnmatch_lines(["*Your program ran and did nothing*"])
    result.stdout.no_fnmatch_line("*Run again with*")


def test_a_pool_answer_written_by_hand_fails_with_the_list_the_numbers_give(
    pytester: pytest.Pytester,
) -> None:
    by_hand = kata_file("mutants", "results_written_by_hand.py", folder=POOL)

    result = learner_session(pytester, POOL, by_hand)

    result.assert_outcomes(passed=12, failed=3)
    result.stdout.fnmatch_lines(
        [
            "Run again with NUMBERS = [[]4, 8, 15, 16, 23, 42, 7, 1, 9, 30[]] instead of "
            "[[]1, 2, 3, 4, 5, 6, 7, 8, 9, 10[]]: test.log should then hold "
            "'[[]40, 80, 150, 160, 230, 420, 70, 10, 90, 300[]]', but holds "
            "'[[]10, 20, 30, 40, 50, 60, 70, 80, 90, 100[]]': exactly what the stated input gives.*",
        ]
    )


def test_a_notebook_answer_to_the_course_question_is_not_held_to_the_kata_constant(
    pytester: pytest.Pytester,
) -> None:
    """The course's Q5 names no constant: its answer's other checks are graded, this one skipped."""
    nbformat = pytest.importorskip("nbformat")
    copy_katas(pytester.path, (POOL,))
    answer = kata_file("solution.py", folder=POOL).replace("NUMBERS = list(range(1, 11))\n", "")
    notebook = pytester.path / "answers.ipynb"
    cells = [
        nbformat.v4.new_markdown_cell("## Q5. How can we create a pool of worker processes in python?"),
        nbformat.v4.new_code_cell(answer.replace("NUMBERS", "range(1, 11)")),
    ]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), str(notebook))

    result = pytester.runpytest_subprocess(
        "katas", "--mpkata-submission", str(notebook), "-p", "no:cacheprovider", "-rs", timeout=240
    )

    result.assert_outcomes(passed=12, skipped=3, warnings=1)
    result.stdout.fnmatch_lines(["*not checked with other inputs: the notebook's question names no NUMBERS*"])


# --- writing the program with the chosen values ------------------------------------------

NUMBERS = ChosenInput("NUMBERS", [1, 2, 3], [7, 8, 9])


def test_the_chosen_value_replaces_the_one_assignment_and_no_line_moves() -> None:
    source = 'NUMBERS = [1,\n           2, 3]  # NUMBERS = [1, 2, 3]\nprint("NUMBERS", NUMBERS)\n'

    written = with_chosen_inputs(source, [NUMBERS], "learner.py")

    assert written == 'NUMBERS = ([7, 8, 9]\n)  # NUMBERS = [1, 2, 3]\nprint("NUMBERS", NUMBERS)\n'
    assert len(written.splitlines()) == len(source.splitlines())


def test_an_assignment_in_the_main_block_or_with_a_type_is_found_too() -> None:
    source = 'if __name__ == "__main__":\n    NUMBERS: list = [1, 2, 3]\n    LIMIT = 4\n'

    written = with_chosen_inputs(source, [NUMBERS, ChosenInput("LIMIT", 4, 6)], "learner.py")

    assert written == 'if __name__ == "__main__":\n    NUMBERS: list = [7, 8, 9]\n    LIMIT = 6\n'


def test_a_constant_assigned_twice_or_nowhere_is_refused_with_its_lines() -> None:
    with pytest.raises(InputNotNamed, match=r"assigns `NUMBERS` 2 times \(lines 1, 3\)"):
        with_chosen_inputs("NUMBERS = [1, 2, 3]\nx = 1\nNUMBERS = [4]\n", [NUMBERS], "learner.py")
    with pytest.raises(InputNotNamed, match=r"learner.py assigns no `NUMBERS` at module level"):
        with_chosen_inputs("def f():\n    NUMBERS = [1, 2, 3]\n", [NUMBERS], "learner.py")


def test_a_kata_toml_that_chooses_the_stated_value_itself_is_refused() -> None:
    with pytest.raises(ValueError, match="chooses the stated value itself"):
        inputs_from({"NUMBERS": {"stated": [1, 2], "chosen": [1, 2]}})
    with pytest.raises(ValueError, match="needs both stated"):
        inputs_from({"NUMBERS": {"stated": [1, 2]}})


def test_the_catalogue_check_finds_a_variant_that_writes_its_numbers_inline(tmp_path: Path) -> None:
    katas = copy_katas(tmp_path, (PIPE,))
    variant = katas / PIPE / "variants" / "send_all_then_receive_with_blocks.py"
    text = variant.read_text(encoding="utf-8").replace("NUMBERS = [1, 2, 3, 4, 5]\n", "")
    variant.write_text(text.replace("for n in NUMBERS:", "for n in range(1, 6):"), encoding="utf-8")

    problems = [p for p in check_catalogue(katas) if "[inputs]" in p]

    assert len(problems) == 1
    assert problems[0].startswith(f"katas/{PIPE}/variants/send_all_then_receive_with_blocks.py: the checker")
    assert "assigns no `NUMBERS` at module level" in problems[0]


# --- the check, a pure function of the run ---------------------------------------------


def logged(*messages_logged: str) -> RunResult:
    lines = tuple(
        LogLine(number, f"2026-12-07 10:00:00,000 {text}", "2026-12-07 10:00:00,000", text)
        for number, text in enumerate(messages_logged, start=1)
    )
    return hand_made_result(log_exists=True, log_lines=lines)


def test_the_output_the_chosen_numbers_give_passes_and_extra_lines_are_accepted() -> None:
    assert checks.output_follows_input(logged("start", "replies: [14, 6]"), ["replies: [14, 6]"]) is None


def test_the_output_of_the_stated_numbers_is_called_ignoring_the_input() -> None:
    found = checks.output_follows_input(
        logged("replies: [2, 4]"), ["replies: [14, 6]"], stated=["replies: [2, 4]"]
    )

    assert found == messages.OUTPUT_IGNORES_INPUT.format(
        expected="'replies: [14, 6]'", logged="'replies: [2, 4]'"
    )
    assert found.kind == "output_ignores_input"


def test_another_wrong_output_is_shown_beside_the_expected_one() -> None:
    found = checks.output_follows_input(
        logged("replies: [7, 3]"), ["replies: [14, 6]"], stated=["replies: [2, 4]"]
    )

    assert found == messages.OUTPUT_NOT_FROM_INPUT.format(
        expected="'replies: [14, 6]'", logged="'replies: [7, 3]'"
    )


def test_no_log_at_all_is_said_as_every_log_check_says_it() -> None:
    assert checks.output_follows_input(hand_made_result(), ["replies: [14, 6]"]) == messages.NO_LOG_FILE
