"""Checks for kata 17: results and an error reach the parent through apply_async's callbacks."""

from pytest_mpkata import checks

COUNTS = {20000: 2262, 30000: 3245, 40000: 4203, 50000: 5133, 60000: 6057, 70000: 6935, 80000: 7837}
LINES = [f"primes below {limit}: {count}" for limit, count in COUNTS.items()] + ["failed: negative limit: -5"]


def test_runs_cleanly(kata_run):
    kata_run.expect(checks.ran_cleanly)


def test_log_file(kata_run):
    kata_run.expect(checks.log_has_lines, LINES)


def test_lines_logged_by_the_parent(kata_run):
    kata_run.expect(checks.lines_logged_by_parent, r"primes below \d+: \d+|failed: .*")


def test_tasks_ran_in_pool_workers(kata_run):
    kata_run.expect(checks.tasks_ran_in_workers, len(COUNTS) + 1)


def test_results_came_through_the_callback(kata_run):
    kata_run.expect(checks.results_reached_callbacks)


def test_the_error_reached_the_error_callback(kata_run):
    kata_run.expect(checks.errors_reached_error_callback)


def test_tasks_ran_together(kata_run):
    kata_run.expect(checks.tasks_ran_together)


def test_callbacks_stay_light(kata_run):
    kata_run.expect(checks.callbacks_stayed_light)


def test_parent_did_not_recompute(kata_run):
    kata_run.expect(checks.main_did_not_redo_the_work)


def test_pool_closed_then_joined(kata_run):
    kata_run.expect(checks.pool_closed_and_joined)
