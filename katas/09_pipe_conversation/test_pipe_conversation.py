"""Checks for kata 09: pipe conversation."""

from pytest_mpkata import checks

# TODO: the lines the kata's program must log to test.log (a placeholder until the kata is written).
LINES = ["work done"]


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)


def test_log_file(kata_run):
    kata_run.expect(checks.log_has_lines, LINES)
