"""Q5: a pool of worker processes ran the tasks, the parent got their results, the pool was shut down."""

from pytest_mpkata import checks


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)


def test_pool_workers_did_the_work(kata_run):
    kata_run.expect(checks.pool_workers_did_the_work)


def test_pool_shut_down(kata_run):
    kata_run.expect(checks.pool_shut_down_by_the_program)
