"""Checks for kata 04: square 1..10 with Pool.map in worker processes."""

from pytest_mpkata import checks

NUMBERS = list(range(1, 11))
SQUARES = [n * n for n in NUMBERS]


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)


def test_log_file(kata_run):
    kata_run.expect(checks.log_has_lines, [str(SQUARES)])


def test_squares_ran_in_pool_workers(kata_run):
    kata_run.expect(checks.used_process_pool, minimum=2)
    kata_run.expect(checks.tasks_ran_in_workers, 10, results=SQUARES)


def test_pool_shut_down(kata_run):
    kata_run.expect(checks.pool_shut_down, ("close_join", "context_manager"))


def test_squares_follow_the_numbers(kata_run):
    squares = [n * n for n in kata_run.chosen("NUMBERS")]
    kata_run.expect_with_chosen_inputs(checks.tasks_ran_in_workers, 10, results=squares)
    kata_run.expect_with_chosen_inputs(checks.output_follows_input, [str(squares)], stated=[str(SQUARES)])
