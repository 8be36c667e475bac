"""Checks for kata 23: the handed-out script works only under fork; guarded, it works under all three."""

from pytest_mpkata import checks

LINES = [
    "starting 3 workers",
    "square of 2 is 4",
    "square of 3 is 9",
    "square of 4 is 16",
    "all workers done",
]


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)


def test_processes_started_from_the_main_block(kata_run):
    kata_run.expect(checks.started_only_from_the_main_block)


def test_log_file(kata_run):
    kata_run.expect(checks.log_has_lines, LINES)


def test_squares_logged_by_the_children(kata_run):
    kata_run.expect(checks.created_children, 3)
    kata_run.expect(checks.lines_written_by_children, r"square of \d+ is \d+")


def test_all_joined_before_logging(kata_run):
    kata_run.expect(checks.joined_before_logging, "all workers done")
