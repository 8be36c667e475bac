"""Checks for kata 03: ten children square a shared Array in place."""

from pytest_mpkata import checks

SQUARES = str([n * n for n in range(1, 11)])


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)


def test_log_file(kata_run):
    kata_run.expect(checks.log_has_lines, [SQUARES])


def test_children_square_the_shared_array(kata_run):
    kata_run.expect(checks.created_children, 10)
    kata_run.expect(checks.children_squared_shared_array, 10)


def test_all_joined_before_logging(kata_run):
    kata_run.expect(checks.joined_before_logging, r"\[.*\]")
