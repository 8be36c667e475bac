"""Checks for kata 07: count primes in 8 chunks, in parallel pool workers."""

from pytest_mpkata import checks


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)


def test_log_file(kata_run):
    kata_run.expect(checks.log_has_lines, ["primes below 200000: 17984"])


def test_chunks_ran_in_workers(kata_run):
    kata_run.expect(checks.used_process_pool, minimum=2)
    kata_run.expect(checks.tasks_ran_in_workers, 8)


def test_chunks_ran_in_parallel(kata_run):
    kata_run.expect(checks.tasks_overlapped)


def test_counts_added_up_from_the_pool(kata_run):
    kata_run.expect(checks.tasks_ran_in_workers, 8)
    kata_run.expect(checks.main_did_not_redo_the_work)


def test_pool_shut_down(kata_run):
    kata_run.expect(checks.pool_shut_down, ("close_join", "context_manager", "shutdown"))
