"""Checks for kata 07: count primes in 8 chunks, in parallel pool workers."""

from pytest_mpkata import checks

PRIMES_BELOW = {200_000: 17984, 120_000: 11301}


def count_line(limit):
    return f"primes below {limit}: {PRIMES_BELOW[limit]}"


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)


def test_log_file(kata_run):
    kata_run.expect(checks.log_has_lines, [count_line(200_000)])


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


def test_count_follows_the_limit(kata_run):
    line = count_line(kata_run.chosen("LIMIT"))
    kata_run.expect_with_chosen_inputs(checks.tasks_ran_in_workers, 8)
    kata_run.expect_with_chosen_inputs(checks.output_follows_input, [line], stated=[count_line(200_000)])
