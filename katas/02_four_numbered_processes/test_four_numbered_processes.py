"""Checks for kata 02: four processes, each logs its own number."""

from pytest_mpkata import checks

NUMBERED = r"process [0-3]"


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)


def test_log_file(kata_run):
    kata_run.expect(checks.log_has_lines, [f"process {n}" for n in range(4)])


def test_each_line_from_its_own_child(kata_run):
    kata_run.expect(checks.created_children, 4)
    kata_run.expect(checks.lines_written_by_children, NUMBERED)


def test_started_together_then_joined(kata_run):
    kata_run.expect(checks.started_together_then_joined, 4)
