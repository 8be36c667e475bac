"""Checks for kata 05: a pool of exactly five workers, closed then joined."""

from pytest_mpkata import checks

NUMBERS = list(range(1, 11))
TENS = [n * 10 for n in NUMBERS]


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)


def test_log_file(kata_run):
    kata_run.expect(checks.log_has_lines, [str(TENS)])


def test_pool_of_five_workers(kata_run):
    kata_run.expect(checks.used_process_pool, exact=5)
    kata_run.expect(checks.tasks_ran_in_workers, 10, results=TENS)


def test_closed_then_joined(kata_run):
    kata_run.expect(checks.pool_shut_down, ("close_join",))


def test_results_follow_the_numbers(kata_run):
    tens = [n * 10 for n in kata_run.chosen("NUMBERS")]
    kata_run.expect_with_chosen_inputs(checks.tasks_ran_in_workers, 10, results=tens)
    kata_run.expect_with_chosen_inputs(checks.output_follows_input, [str(tens)], stated=[str(TENS)])
