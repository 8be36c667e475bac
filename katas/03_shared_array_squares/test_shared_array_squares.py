"""Checks for kata 03: ten children square a shared Array in place."""

from pytest_mpkata import checks

NUMBERS = list(range(1, 11))
SQUARES = str([n * n for n in NUMBERS])


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)


def test_log_file(kata_run):
    kata_run.expect(checks.log_has_lines, [SQUARES])


def test_children_square_the_shared_array(kata_run):
    kata_run.expect(checks.created_children, 10)
    kata_run.expect(checks.children_squared_shared_array, 10)


def test_all_joined_before_logging(kata_run):
    kata_run.expect(checks.joined_before_logging, r"\[.*\]")


def test_children_square_the_numbers_they_find(kata_run):
    squares = str([n * n for n in kata_run.chosen("NUMBERS")])
    kata_run.expect_with_chosen_inputs(checks.children_squared_shared_array, 10)
    kata_run.expect_with_chosen_inputs(checks.output_follows_input, [squares], stated=[SQUARES])
