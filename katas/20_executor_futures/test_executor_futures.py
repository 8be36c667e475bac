"""Checks for kata 20: futures of a ProcessPoolExecutor, read as they complete, one raising."""

from pytest_mpkata import checks

NUMBERS = [8, 1, 4, 3, 2]
FAILING = 4
LINES = [f"square of {n}: {n * n}" for n in NUMBERS if n != FAILING] + [
    f"square of {FAILING} failed: unlucky number {FAILING}"
]


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)


def test_log_file(kata_run):
    kata_run.expect(checks.log_has_lines, LINES)


def test_executor_of_two_processes(kata_run):
    kata_run.expect(checks.executor_of_processes, 2)


def test_every_future_read(kata_run):
    kata_run.expect(checks.every_future_read)
    kata_run.expect(checks.tasks_ran_in_workers, len(NUMBERS))


def test_read_as_they_complete(kata_run):
    kata_run.expect(checks.futures_read_as_completed)


def test_executor_shut_down(kata_run):
    kata_run.expect(checks.executor_shut_down)
