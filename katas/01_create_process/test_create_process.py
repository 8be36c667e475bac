"""Checks for kata 01: create one child process that logs its own pid."""

from pytest_mpkata import checks

HELLO = r"hello from process (\d+)"
EXITED = "child exited with code 0"


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)


def test_log_file(kata_run):
    kata_run.expect(checks.log_has_lines, [HELLO, EXITED], ordered=True, patterns=True)


def test_work_in_child_process(kata_run):
    kata_run.expect(checks.created_children, 1)
    kata_run.expect(checks.lines_written_by_children, HELLO, pid_in_line=True)


def test_started_and_joined(kata_run):
    kata_run.expect(checks.created_children, 1)
    kata_run.expect(checks.joined_before_logging, r"child exited with code -?\d+")
