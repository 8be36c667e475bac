"""Checks for kata 05: a pool of exactly five workers, closed then joined."""

from pytest_mpkata import checks

TENS = [n * 10 for n in range(1, 11)]


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)


def test_log_file(kata_run):
    kata_run.expect(checks.log_has_lines, [str(TENS)])


def test_pool_of_five_workers(kata_run):
    kata_run.expect(checks.used_process_pool, exact=5)
    kata_run.expect(checks.tasks_ran_in_workers, 10, results=TENS)


def test_closed_then_joined(kata_run):
    kata_run.expect(checks.pool_shut_down, ("close_join",))
